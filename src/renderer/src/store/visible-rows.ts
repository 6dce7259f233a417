import { createTable, getCoreRowModel, getSortedRowModel, type SortingState, type TableOptionsResolved } from '@tanstack/react-table'
import { columns } from '../components/table/columns'
import { rowMatcher, type RowFilter } from './row-filter'
import type { RowTable, TrackedRow } from './row-model'

/** The rows the table lists under this filter, before sorting (App passes these to PortTable). */
export function filteredRows(table: RowTable, filter: RowFilter): TrackedRow[] {
  const matches = rowMatcher(filter)
  const rows: TrackedRow[] = []
  for (const tracked of table.byId.values()) if (matches(tracked.row)) rows.push(tracked)
  return rows
}

/**
 * The same rows in the table's order: sorted by TanStack Table over the table's own column definitions
 * and options, so the export and "reveal a row" agree with what the grid shows.
 */
export function sortedLikeTable(rows: TrackedRow[], sorting: SortingState): TrackedRow[] {
  const options: TableOptionsResolved<TrackedRow> = {
    data: rows,
    columns,
    state: {},
    onStateChange: () => undefined,
    renderFallbackValue: null,
    getRowId: (tracked) => tracked.row.id,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
  }
  const table = createTable(options)
  table.setOptions((previous) => ({ ...previous, state: { ...table.initialState, sorting } }))
  return table.getRowModel().rows.map((row) => row.original)
}

/** What the grid shows now: filtered, sorted, and without rows that already left (still fading out). */
export function visibleLiveRows(table: RowTable, filter: RowFilter, sorting: SortingState): TrackedRow[] {
  return sortedLikeTable(filteredRows(table, filter), sorting).filter((tracked) => tracked.change !== 'removed')
}
