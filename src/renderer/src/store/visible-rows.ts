import { useContext } from 'react'
import type { StoreApi } from 'zustand/vanilla'
import { MonitorContext, useMonitor } from './monitor-context'
import type { MonitorState } from './monitor-store'
import { matchesEverything, rowMatcher, type RowFilter } from './row-filter'
import type { RowTable, TrackedRow } from './row-model'
import { updateSortedRows, type SortedRows, type SortingState } from './row-sort'
import { useViewStore } from './view-store'
import { useSettingsStore } from './settings-store'
import type { Row } from '../../../shared/row'
import type { TableView } from '../../../shared/settings'

// The page's one filter-and-sort pipeline: the grid draws its result, the export saves it, and
// "reveal a row" finds its index there, so all three agree on what the table shows.

/** The rows the table lists: filtered, sorted, including rows still fading out after they left. */
export interface VisibleRows {
  readonly rows: readonly TrackedRow[]
  /** How many of `rows` are still listening (not fading out). */
  readonly liveCount: number
  /** The row's index in `rows`, or -1. */
  indexOf(id: string): number
  /** The rows' ids in order (selection ranges, select all). */
  ids(): readonly string[]
}

/** Whether a row belongs in a view: listeners have no peer; connections do (or had: TIME-WAIT). */
export function inView(view: TableView, row: Row): boolean {
  return (row.remotePort === null) === (view === 'listeners')
}

/** The rows of the view that pass the filter, in the table's arrival order (what the incremental sort expects). */
export function filteredRows(table: RowTable, filter: RowFilter, view: TableView = 'listeners'): TrackedRow[] {
  const everything = matchesEverything(filter)
  const matches = everything ? null : rowMatcher(filter)
  const rows: TrackedRow[] = []
  for (const tracked of table.byId.values()) if (inView(view, tracked.row) && (matches === null || matches(tracked.row))) rows.push(tracked)
  return rows
}

function visibleRowsOf(rows: readonly TrackedRow[]): VisibleRows {
  let liveCount = 0
  for (const tracked of rows) if (tracked.change !== 'removed') liveCount += 1
  let index: Map<string, number> | null = null
  let ids: string[] | null = null
  return {
    rows,
    liveCount,
    ids: () => (ids ??= rows.map((tracked) => tracked.row.id)),
    indexOf: (id) => {
      index ??= new Map(rows.map((tracked, i) => [tracked.row.id, i]))
      return index.get(id) ?? -1
    },
  }
}

export type RowPipeline = (table: RowTable, filter: RowFilter, sorting: SortingState, view?: TableView) => VisibleRows

/**
 * A pipeline that remembers its last inputs: the same (table, filter, sorting) gives the same result
 * object, and a new table after a delta sorts only the rows the delta touched (row-sort.ts).
 */
export function createRowPipeline(): RowPipeline {
  let last: { table: RowTable; filter: RowFilter; sorting: SortingState; view: TableView; result: VisibleRows } | null = null
  let filtered: { table: RowTable; filter: RowFilter; view: TableView; rows: TrackedRow[] } | null = null
  let sorted: SortedRows | null = null
  return (table, filter, sorting, view = 'listeners') => {
    if (last && last.table === table && last.filter === filter && last.sorting === sorting && last.view === view) return last.result
    if (!filtered || filtered.table !== table || filtered.filter !== filter || filtered.view !== view) {
      filtered = { table, filter, view, rows: filteredRows(table, filter, view) }
    }
    // updateSortedRows never mutates `sorted`, so a repeated call (StrictMode's double render) gives the same order.
    const before = sorted
    sorted = updateSortedRows(before, filtered.rows, sorting)
    const result = before && sorted.rows === before.rows && last ? last.result : visibleRowsOf(sorted.rows)
    last = { table, filter, sorting, view, result }
    return result
  }
}

/** The view the page shows (the settings'; listeners until they load). */
export function currentView(): TableView {
  return useSettingsStore.getState().settings?.view ?? 'listeners'
}

const pipelines = new WeakMap<StoreApi<MonitorState>, RowPipeline>()

/** The pipeline of this monitor store's table (one per page, shared by the grid, the export and reveal). */
export function pipelineOf(monitor: StoreApi<MonitorState>): RowPipeline {
  let pipeline = pipelines.get(monitor)
  if (!pipeline) {
    pipeline = createRowPipeline()
    pipelines.set(monitor, pipeline)
  }
  return pipeline
}

/** What the table shows right now, for code outside React's render (export, reveal). */
export function visibleRowsNow(monitor: StoreApi<MonitorState>): VisibleRows {
  const { filter, sorting } = useViewStore.getState()
  return pipelineOf(monitor)(monitor.getState().table, filter, sorting, currentView())
}

/** What the table shows, for a component: re-renders when the table, the filter or the sorting changes. */
export function useVisibleRows(): VisibleRows {
  const monitor = useContext(MonitorContext)
  const table = useMonitor((s) => s.table)
  const filter = useViewStore((s) => s.filter)
  const sorting = useViewStore((s) => s.sorting)
  const view = useSettingsStore((s) => s.settings?.view ?? 'listeners')
  if (!monitor) throw new Error('useVisibleRows needs a MonitorContext provider')
  return pipelineOf(monitor)(table, filter, sorting, view)
}

/** The rows the table shows now that are still listening, in its order (what an export saves). */
export function liveRows(visible: VisibleRows): TrackedRow[] {
  return visible.rows.filter((tracked) => tracked.change !== 'removed')
}
