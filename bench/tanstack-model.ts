// The side-by-side of the renderer benchmark: TanStack Table's own row model (core, filtered, sorted)
// applying the same deltas to the same rows, in the same page. Bundled for the page by renderer.ts.
import { createTable, getCoreRowModel, getFilteredRowModel, getSortedRowModel, type ColumnDef, type TableState } from '@tanstack/table-core'
import type { Delta, Row } from '../src/shared/row'

interface BenchWindow {
  __portolanBench: { snapshotRows: Row[]; deltas: Delta[]; filterText: string; tanstack?: (d: number) => number }
}

const text = (value: unknown): string =>
  value === null || value === undefined ? '' : typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value)
// The columns the page shows by default, as accessors (what TanStack filters and sorts by).
const COLUMNS: ColumnDef<Row>[] = [
  { id: 'protocol', accessorFn: (row) => row.protocol },
  { id: 'address', accessorFn: (row) => row.address },
  { id: 'port', accessorFn: (row) => row.port },
  { id: 'service', accessorFn: (row) => text(row.service) },
  { id: 'exposure', accessorFn: (row) => row.exposure },
  { id: 'process', accessorFn: (row) => text(row.process) },
  { id: 'pid', accessorFn: (row) => row.pid },
  { id: 'state', accessorFn: (row) => row.state },
]

const bench = (globalThis as unknown as BenchWindow).__portolanBench
let data = bench.snapshotRows.slice()
let state: TableState = {
  sorting: [{ id: 'port', desc: false }],
  globalFilter: bench.filterText || undefined,
} as TableState
const table = createTable<Row>({
  data,
  columns: COLUMNS,
  state,
  onStateChange: (updater) => {
    state = typeof updater === 'function' ? updater(state) : updater
  },
  renderFallbackValue: null,
  getRowId: (row) => row.id,
  getCoreRowModel: getCoreRowModel(),
  getFilteredRowModel: getFilteredRowModel(),
  getSortedRowModel: getSortedRowModel(),
  globalFilterFn: 'includesString',
})
state = { ...table.initialState, ...state }
table.setOptions((prev) => ({ ...prev, state }))
table.getRowModel()

/**
 * Applies delta d as a new data array (rows are immutable, like the page's), then reads the sorted,
 * filtered rows; returns the ms it took (all synchronous, so the page's clock measures it whole).
 */
bench.tanstack = (d: number): number => {
  const started = performance.now()
  const delta = bench.deltas[d]
  if (!delta) throw new Error(`no delta ${d} (there are ${bench.deltas.length})`)
  const removed = new Set(delta.removed)
  const changed = new Map(delta.changed.map((row) => [row.id, row]))
  data = data.filter((row) => !removed.has(row.id)).map((row) => changed.get(row.id) ?? row)
  data.push(...delta.added)
  table.setOptions((prev) => ({ ...prev, data, state }))
  if (table.getRowModel().rows.length > data.length) throw new Error('the row model holds more rows than the data')
  return performance.now() - started
}
