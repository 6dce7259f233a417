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
  /** How many rows of the view are still listed, whatever the filter (the status line's total). */
  readonly totalLive: number
  readonly anyLabel: boolean
  /** The row's index in `rows`, or -1. */
  indexOf: (id: string) => number
  /** The rows' ids in order (selection ranges, select all). */
  ids: () => readonly string[]
}

/** Whether a row belongs in a view: listeners have no peer; connections do (or had: TIME-WAIT). */
export function inView(view: TableView, row: Row): boolean {
  return (row.remotePort === null) === (view === 'listeners')
}

/** What one pass over the table finds: the rows shown, and counts for the status line. */
interface Filtered {
  rows: TrackedRow[]
  /** Rows of the view still listed (not fading out), whatever the filter. */
  totalLive: number
  /** Whether any row of the view carries a user's label (the Label column shows only then). */
  anyLabel: boolean
}

/**
 * A row's verdict under one filter, kept per row object: a delta replaces only the rows it touches,
 * so the filter is evaluated for those alone and the other rows cost a lookup.
 */
type MatchCache = { filter: RowFilter; matches: (row: Row) => boolean; verdicts: WeakMap<Row, boolean> }

function scan(table: RowTable, filter: RowFilter, view: TableView, cache: MatchCache | null): Filtered {
  const rows: TrackedRow[] = []
  let totalLive = 0
  let anyLabel = false
  for (const tracked of table.byId.values()) {
    const row = tracked.row
    if (!inView(view, row)) continue
    if (tracked.change !== 'removed') totalLive += 1
    if (row.label) anyLabel = true
    if (cache) {
      let verdict = cache.verdicts.get(row)
      if (verdict === undefined) cache.verdicts.set(row, (verdict = cache.matches(row)))
      if (!verdict) continue
    }
    rows.push(tracked)
  }
  return { rows, totalLive, anyLabel }
}

/** The rows of the view that pass the filter, in the table's arrival order (what the incremental sort expects). */
export function filteredRows(table: RowTable, filter: RowFilter, view: TableView = 'listeners'): TrackedRow[] {
  const cache = matchesEverything(filter) ? null : { filter, matches: rowMatcher(filter), verdicts: new WeakMap<Row, boolean>() }
  return scan(table, filter, view, cache).rows
}

function visibleRowsOf(rows: readonly TrackedRow[], totalLive: number, anyLabel: boolean): VisibleRows {
  let liveCount = 0
  for (const tracked of rows) if (tracked.change !== 'removed') liveCount += 1
  let index: Map<string, number> | null = null
  let ids: string[] | null = null
  return {
    rows,
    liveCount,
    totalLive,
    anyLabel,
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
  let filtered: ({ table: RowTable; filter: RowFilter; view: TableView } & Filtered) | null = null
  let cache: MatchCache | null = null
  let sorted: SortedRows | null = null
  return (table, filter, sorting, view = 'listeners') => {
    if (last && last.table === table && last.filter === filter && last.sorting === sorting && last.view === view) return last.result
    if (!filtered || filtered.table !== table || filtered.filter !== filter || filtered.view !== view) {
      if (matchesEverything(filter)) cache = null
      else if (cache?.filter !== filter) cache = { filter, matches: rowMatcher(filter), verdicts: new WeakMap() }
      filtered = { table, filter, view, ...scan(table, filter, view, cache) }
    }
    // updateSortedRows never mutates `sorted`, so a repeated call (StrictMode's double render) gives the same order.
    const before = sorted
    sorted = updateSortedRows(before, filtered.rows, sorting)
    const result = before && sorted.rows === before.rows && last && last.result.totalLive === filtered.totalLive && last.result.anyLabel === filtered.anyLabel
        ? last.result
        : visibleRowsOf(sorted.rows, filtered.totalLive, filtered.anyLabel)
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
