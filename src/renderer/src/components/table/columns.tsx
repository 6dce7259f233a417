import type { ReactNode } from 'react'
import type { ColumnId } from '../../../../shared/settings'
import type { TrackedRow } from '../../store/row-model'
import { containerText } from '../../store/row-sort'
import { HIDDEN_OWNER_HINT, describeExposure, describeOwner, describeProtocol, formatAge } from '../../lib/format'
import { useNow } from '../../store/clock-store'
import { provenanceLines, startedByCell } from '../../lib/provenance-text'
import { activityCell, activityLines } from '../../lib/activity-text'
import { Sparkline } from './Sparkline'

// The grid's columns: header, width and cell. How each column sorts lives in store/row-sort.ts.

export interface TableColumn {
  id: ColumnId
  header: string
  /** Its track in the grid's grid-template-columns. */
  width: string
  /** The narrowest it gets, in px (the grid scrolls sideways below the sum). */
  minWidth: number
  cell(tracked: TrackedRow): ReactNode
}

function AgeCell({ since }: { since: number }) {
  const now = useNow()
  return <time dateTime={new Date(since).toISOString()} title={`first seen ${new Date(since).toLocaleString()}`}>{formatAge(now - since)}</time>
}

function OwnerCell({ tracked }: { tracked: TrackedRow }) {
  const { row } = tracked
  if (row.ownerHidden && !row.process && !row.container) {
    return (
      <span className="owner-hidden" title={HIDDEN_OWNER_HINT}>
        {describeOwner(row)}
      </span>
    )
  }
  return <span title={row.process ?? undefined}>{describeOwner(row)}</span>
}

function StartedByCell({ tracked }: { tracked: TrackedRow }) {
  const provenance = tracked.row.provenance
  const text = startedByCell(provenance)
  if (!provenance || !text) return <span className="muted">—</span>
  return (
    <span className="started-by" title={provenanceLines(provenance).join('\n')}>
      {text}
    </span>
  )
}

function ActivityCell({ tracked }: { tracked: TrackedRow }) {
  const activity = tracked.row.activity
  if (!activity) return <span className="muted">—</span>
  return (
    <span className="activity" title={activityLines(activity).join('\n')}>
      <Sparkline values={activity.history} />
      <span className="activity-text">{activityCell(activity)}</span>
    </span>
  )
}

/** Every column, in the order the grid shows them. */
export const ALL_COLUMNS: readonly TableColumn[] = [
  { id: 'protocol', header: 'Proto', width: '56px', minWidth: 56, cell: ({ row }) => describeProtocol(row) },
  { id: 'address', header: 'Address', width: 'minmax(110px, 1.5fr)', minWidth: 110, cell: ({ row }) => <span title={row.address}>{row.address}</span> },
  { id: 'port', header: 'Port', width: '64px', minWidth: 64, cell: ({ row }) => <span className="port-number">{row.port}</span> },
  {
    id: 'service',
    header: 'Service',
    width: 'minmax(90px, 1fr)',
    minWidth: 90,
    cell: ({ row }) => (row.service ? <span title={row.description ?? undefined}>{row.service}</span> : <span className="muted">unregistered</span>),
  },
  {
    id: 'exposure',
    header: 'Exposure',
    width: '96px',
    minWidth: 96,
    cell: ({ row }) => <span className={`exposure exposure-${row.exposure}`}>{describeExposure(row.exposure)}</span>,
  },
  { id: 'process', header: 'Process', width: 'minmax(100px, 1.4fr)', minWidth: 100, cell: (tracked) => <OwnerCell tracked={tracked} /> },
  { id: 'pid', header: 'PID', width: '64px', minWidth: 64, cell: ({ row }) => row.pid ?? <span className="muted">—</span> },
  { id: 'state', header: 'State', width: '72px', minWidth: 72, cell: ({ row }) => row.state },
  { id: 'since', header: 'Seen for', width: '76px', minWidth: 76, cell: ({ row }) => <AgeCell since={row.since} /> },
  {
    id: 'container',
    header: 'Container',
    width: 'minmax(110px, 1.2fr)',
    minWidth: 110,
    cell: ({ row }) => (row.container ? <span title={containerText(row)}>{row.container.name}</span> : <span className="muted">—</span>),
  },
  { id: 'startedBy', header: 'Started by', width: 'minmax(120px, 1.6fr)', minWidth: 120, cell: (tracked) => <StartedByCell tracked={tracked} /> },
  { id: 'activity', header: 'Activity', width: 'minmax(130px, 1.3fr)', minWidth: 130, cell: (tracked) => <ActivityCell tracked={tracked} /> },
]

/** The columns among `visible` (all of them before settings load), in the grid's order. */
export function visibleColumns(visible: readonly ColumnId[] | null | undefined): readonly TableColumn[] {
  if (!visible) return ALL_COLUMNS
  const shown = ALL_COLUMNS.filter((column) => visible.includes(column.id))
  return shown.length > 0 ? shown : ALL_COLUMNS
}
