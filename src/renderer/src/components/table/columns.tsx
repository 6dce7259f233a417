import type { ColumnDef, SortingFn } from '@tanstack/react-table'
import type { TrackedRow } from '../../store/row-model'
import { HIDDEN_OWNER_HINT, describeExposure, describeOwner, describeProtocol, formatAge } from '../../lib/format'
import { useNow } from '../../store/clock-store'

function AgeCell({ since }: { since: number }) {
  const now = useNow()
  return <time dateTime={new Date(since).toISOString()} title={`first seen ${new Date(since).toLocaleString()}`}>{formatAge(now - since)}</time>
}

function OwnerCell({ tracked }: { tracked: TrackedRow }) {
  const { row } = tracked
  if (row.ownerHidden && !row.process && !row.container) {
    return (
      <span className="owner-hidden" title={HIDDEN_OWNER_HINT}>
        {describeOwner(row)}; run as root to see
      </span>
    )
  }
  return <span title={row.process ?? undefined}>{describeOwner(row)}</span>
}

/** Rows without a visible pid sort after all pids (ascending). */
const nullableNumber: SortingFn<TrackedRow> = (a, b, columnId) => {
  const x = a.getValue<number | null>(columnId)
  const y = b.getValue<number | null>(columnId)
  if (x === y) return 0
  if (x === null) return 1
  if (y === null) return -1
  return x < y ? -1 : 1
}

export const columns: ColumnDef<TrackedRow>[] = [
  {
    id: 'protocol',
    header: 'Proto',
    accessorFn: (t) => describeProtocol(t.row),
    sortingFn: 'text',
  },
  {
    id: 'address',
    header: 'Address',
    accessorFn: (t) => t.row.address,
    sortingFn: 'text',
    cell: ({ row }) => <span title={row.original.row.address}>{row.original.row.address}</span>,
  },
  {
    id: 'port',
    header: 'Port',
    accessorFn: (t) => t.row.port,
    sortingFn: 'basic',
    cell: ({ row }) => <span className="port-number">{row.original.row.port}</span>,
  },
  {
    id: 'service',
    header: 'Service',
    accessorFn: (t) => t.row.service ?? '',
    sortingFn: 'text',
    cell: ({ row }) => {
      const { service, description } = row.original.row
      return service ? <span title={description ?? undefined}>{service}</span> : <span className="muted">unregistered</span>
    },
  },
  {
    id: 'exposure',
    header: 'Exposure',
    accessorFn: (t) => describeExposure(t.row.exposure),
    sortingFn: 'text',
    cell: ({ row }) => <span className={`exposure exposure-${row.original.row.exposure}`}>{describeExposure(row.original.row.exposure)}</span>,
  },
  {
    id: 'process',
    header: 'Process',
    accessorFn: (t) => describeOwner(t.row),
    sortingFn: 'text',
    cell: ({ row }) => <OwnerCell tracked={row.original} />,
  },
  {
    id: 'pid',
    header: 'PID',
    accessorFn: (t) => t.row.pid,
    sortingFn: nullableNumber,
    cell: ({ row }) => row.original.row.pid ?? <span className="muted">—</span>,
  },
  {
    id: 'state',
    header: 'State',
    accessorFn: (t) => t.row.state,
    sortingFn: 'text',
  },
  {
    // Ascending = most recently seen first, like an age.
    id: 'since',
    header: 'Seen for',
    accessorFn: (t) => -t.row.since,
    sortingFn: 'basic',
    cell: ({ row }) => <AgeCell since={row.original.row.since} />,
  },
]
