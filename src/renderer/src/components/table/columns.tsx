import type { ReactNode } from 'react'
import type { ColumnId } from '../../../../shared/settings'
import type { TrackedRow } from '../../store/row-model'
import { containerText } from '../../store/row-sort'
import { HIDDEN_OWNER_HINT, describeExposure, describeOwner, describeProtocol, formatAge } from '../../lib/format'
import { commandText, connectionsOf, describeState, remoteText, stateHint } from '../../lib/row-text'
import { useNow } from '../../store/clock-store'
import { provenanceLines, startedByCell } from '../../lib/provenance-text'
import { activityCell, activityLines } from '../../lib/activity-text'
import { Sparkline } from './Sparkline'

// The grid's columns: header, width and cell. How each column sorts lives in store/row-sort.ts.

export interface TableColumn {
  id: ColumnId
  header: string
  /** What the header's tooltip says the column means. */
  hint?: string
  /** Its default width in px (the user may drag it wider or narrower). */
  width: number
  /** The narrowest it gets, in px; also its width when the content must never be cut (Exposure, Process, State). */
  minWidth: number
  /** Takes a share of the room left over (flexible text columns). */
  grow?: boolean
  cell(tracked: TrackedRow): ReactNode
}

function AgeCell({ since, title }: { since: number; title: string }) {
  const now = useNow()
  return <time dateTime={new Date(since).toISOString()} title={`${title} ${new Date(since).toLocaleString()}`}>{formatAge(now - since)}</time>
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
  if (row.pid === null && !row.process && !row.container) {
    // The cell says it short; the tooltip (and the filter, and the CLI) the whole reason.
    return (
      <span className="owner-hidden" title={describeOwner(row)}>
        no process
      </span>
    )
  }
  return <span>{describeOwner(row)}</span>
}

const none = <span className="muted">—</span>

/** What the exposure word means for this row, dual stack included. */
function exposureHint(row: TrackedRow['row']): string {
  if (row.exposure === 'loopback') return 'Reachable only from this machine'
  if (row.exposure === 'specific') return `Reachable on ${row.address} only`
  if (row.family === 4) return 'Reachable on every IPv4 interface'
  if (row.dualStack === true) return 'Reachable on every interface, over IPv6 and IPv4 (IPV6_V6ONLY is off)'
  if (row.dualStack === false) return 'Reachable on every interface, over IPv6 only'
  return 'Reachable on every IPv6 interface'
}

function AddressCell({ tracked }: { tracked: TrackedRow }) {
  const { row } = tracked
  return (
    <span>
      {row.address}
      {row.dualStack && (
        <span className="dual-stack" title="This IPv6 socket also accepts IPv4 connections (IPV6_V6ONLY is off)">
          {' '}
          IPv4 too
        </span>
      )}
    </span>
  )
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
  { id: 'protocol', header: 'Proto', width: 56, minWidth: 52, cell: ({ row }) => describeProtocol(row) },
  { id: 'address', header: 'Address', width: 150, minWidth: 90, grow: true, cell: (tracked) => <AddressCell tracked={tracked} /> },
  { id: 'port', header: 'Port', width: 68, minWidth: 64, cell: ({ row }) => <span className="port-number">{row.port}</span> },
  {
    id: 'remote',
    header: 'Remote',
    hint: 'The peer of a connection (with its host name when reverse DNS is on in the settings)',
    width: 190,
    minWidth: 90,
    grow: true,
    cell: ({ row }) =>
      row.remotePort === null ? none : (
        <span>
          {remoteText(row)}
          {row.remoteHost && <span className="muted"> {row.remoteHost}</span>}
        </span>
      ),
  },
  {
    id: 'service',
    header: 'Service',
    hint: "IANA's registered name for the port",
    width: 110,
    minWidth: 70,
    grow: true,
    cell: ({ row }) => (row.service ? <span title={row.description ?? undefined}>{row.service}</span> : <span className="muted">unregistered</span>),
  },
  { id: 'label', header: 'Label', hint: 'Your own label for the port (set it in the story)', width: 90, minWidth: 60, cell: ({ row }) => row.label ?? '' },
  {
    id: 'exposure',
    header: 'Exposure',
    width: 116,
    minWidth: 116,
    cell: ({ row }) => (
      <span className={`exposure exposure-${row.exposure}`} title={exposureHint(row)}>
        {describeExposure(row.exposure)}
      </span>
    ),
  },
  { id: 'process', header: 'Process', width: 150, minWidth: 120, grow: true, cell: (tracked) => <OwnerCell tracked={tracked} /> },
  { id: 'pid', header: 'PID', width: 64, minWidth: 56, cell: ({ row }) => row.pid ?? none },
  { id: 'state', header: 'State', width: 92, minWidth: 92, cell: ({ row }) => <span title={stateHint(row)}>{describeState(row)}</span> },
  {
    id: 'connections',
    header: 'Conns',
    hint: 'Current connections to this listener',
    width: 60,
    minWidth: 52,
    cell: ({ row }) => connectionsOf(row) ?? none,
  },
  {
    id: 'since',
    header: 'Held for',
    hint: 'How long this process (this pid) has held the socket, as far as Portolan has watched; a restarted server starts again',
    width: 76,
    minWidth: 64,
    cell: ({ row }) => <AgeCell since={row.since} title="held by this process since" />,
  },
  {
    id: 'firstSeen',
    header: 'First seen',
    hint: 'When this program was first seen on this port on this machine (kept across restarts)',
    width: 84,
    minWidth: 64,
    cell: ({ row }) => (row.firstSeen === undefined ? none : <AgeCell since={row.firstSeen} title="first seen on this machine" />),
  },
  {
    id: 'container',
    header: 'Container',
    width: 110,
    minWidth: 80,
    cell: ({ row }) => (row.container ? <span title={containerText(row)}>{row.container.name}</span> : none),
  },
  { id: 'command', header: 'Command line', width: 220, minWidth: 100, grow: true, cell: ({ row }) => (row.commandLine ? commandText(row) : none) },
  { id: 'executable', header: 'Executable', width: 160, minWidth: 80, grow: true, cell: ({ row }) => row.executable ?? none },
  { id: 'user', header: 'User', width: 80, minWidth: 56, cell: ({ row }) => row.user ?? (row.uid === null ? none : `uid ${row.uid}`) },
  {
    id: 'started',
    header: 'Started',
    hint: 'How long ago the owning process started',
    width: 76,
    minWidth: 64,
    cell: ({ row }) => (row.processStart == null ? none : <AgeCell since={row.processStart} title="process started" />),
  },
  { id: 'startedBy', header: 'Started by', width: 160, minWidth: 110, grow: true, cell: (tracked) => <StartedByCell tracked={tracked} /> },
  { id: 'activity', header: 'Activity', width: 130, minWidth: 110, grow: true, cell: (tracked) => <ActivityCell tracked={tracked} /> },
]

export const COLUMN_BY_ID: ReadonlyMap<ColumnId, TableColumn> = new Map(ALL_COLUMNS.map((column) => [column.id, column]))
