import { matchesEverything, rowMatcher, type RowFilter } from './row-filter'
import type { RowTable, TrackedRow } from './row-model'
import { sortRows, type SortingState } from './row-sort'

/** The rows the table lists under this filter, before sorting (App passes these to PortTable). */
export function filteredRows(table: RowTable, filter: RowFilter): TrackedRow[] {
  if (matchesEverything(filter)) return [...table.byId.values()]
  const matches = rowMatcher(filter)
  const rows: TrackedRow[] = []
  for (const tracked of table.byId.values()) if (matches(tracked.row)) rows.push(tracked)
  return rows
}

/** The same rows in the table's order (row-sort.ts sorts for the grid too), so the export and "reveal a row" agree with what the grid shows. */
export function sortedLikeTable(rows: TrackedRow[], sorting: SortingState): TrackedRow[] {
  return sortRows(rows, sorting)
}

/** What the grid shows now: filtered, sorted, and without rows that already left (still fading out). */
export function visibleLiveRows(table: RowTable, filter: RowFilter, sorting: SortingState): TrackedRow[] {
  return sortedLikeTable(filteredRows(table, filter), sorting).filter((tracked) => tracked.change !== 'removed')
}
