import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Row } from '../../../../src/shared/row'
import { applyDelta, fromSnapshot, sweep, type RowTable, type TrackedRow } from '../../../../src/renderer/src/store/row-model'
import { nextSorting, sortRows, updateSortedRows, type SortingState, type SortedRows } from '../../../../src/renderer/src/store/row-sort'
import { delta, makeRow, snapshotOf } from './fixtures'

const T0 = 10_000
const rowsOf = (table: RowTable): TrackedRow[] => [...table.byId.values()]
const ports = (rows: readonly TrackedRow[]) => rows.map((t) => t.row.port)
const tableOf = (rows: Row[]) => fromSnapshot(snapshotOf(1, rows), T0)

describe('row sorting', () => {
  it('sorts text case-insensitively and numbers numerically, either way', () => {
    const table = tableOf([makeRow(8080, { process: 'nginx' }), makeRow(22, { process: 'Sshd' }), makeRow(443, { process: 'apache' })])
    expect(ports(sortRows(rowsOf(table), [{ id: 'port', desc: false }]))).toEqual([22, 443, 8080])
    expect(ports(sortRows(rowsOf(table), [{ id: 'port', desc: true }]))).toEqual([8080, 443, 22])
    expect(ports(sortRows(rowsOf(table), [{ id: 'process', desc: false }]))).toEqual([443, 8080, 22])
  })

  it('puts rows without a pid after the others ascending, before them descending', () => {
    const table = tableOf([makeRow(1, { pid: null }), makeRow(2, { pid: 5 }), makeRow(3, { pid: 4 })])
    expect(ports(sortRows(rowsOf(table), [{ id: 'pid', desc: false }]))).toEqual([3, 2, 1])
    expect(ports(sortRows(rowsOf(table), [{ id: 'pid', desc: true }]))).toEqual([1, 2, 3])
  })

  it('lists the most recently seen first when "seen for" ascends', () => {
    const table = tableOf([makeRow(1, { since: 100 }), makeRow(2, { since: 300 }), makeRow(3, { since: 200 })])
    expect(ports(sortRows(rowsOf(table), [{ id: 'since', desc: false }]))).toEqual([2, 3, 1])
  })

  it('keeps arrival order among equal keys, in both directions, and sorts by later columns first', () => {
    const table = tableOf([makeRow(9, { state: 'B' }), makeRow(3, { state: 'A' }), makeRow(5, { state: 'B' }), makeRow(1, { state: 'A' })])
    expect(ports(sortRows(rowsOf(table), [{ id: 'state', desc: false }]))).toEqual([3, 1, 9, 5])
    expect(ports(sortRows(rowsOf(table), [{ id: 'state', desc: true }]))).toEqual([9, 5, 3, 1])
    expect(ports(sortRows(rowsOf(table), [{ id: 'state', desc: true }, { id: 'port', desc: false }]))).toEqual([5, 9, 1, 3])
  })

  it('updates across deltas, sweeps and filters exactly as a full sort would', () => {
    const sortings: SortingState[] = [[{ id: 'port', desc: false }], [{ id: 'pid', desc: true }], [{ id: 'state', desc: false }, { id: 'port', desc: true }]]
    const step = fc.record({
      added: fc.uniqueArray(fc.integer({ min: 1, max: 60 }), { maxLength: 3 }),
      changed: fc.uniqueArray(fc.integer({ min: 1, max: 60 }), { maxLength: 3 }),
      removed: fc.uniqueArray(fc.integer({ min: 1, max: 60 }), { maxLength: 3 }),
      pid: fc.option(fc.integer({ min: 1, max: 4 })),
      state: fc.constantFrom('A', 'B'),
      elapsed: fc.integer({ min: 0, max: 5000 }),
      oddOnly: fc.boolean(),
    })
    fc.assert(
      fc.property(fc.constantFrom(...sortings), fc.array(step, { maxLength: 12 }), (sorting, steps) => {
        // 30 rows, so most steps touch few enough rows to be merged rather than sorted again.
        let table = tableOf(Array.from({ length: 30 }, (_, i) => makeRow(2 * i + 2, { pid: i % 3 })))
        let now = T0
        let sorted: SortedRows | null = null
        for (const s of steps) {
          const has = (port: number) => table.byId.has(makeRow(port).id)
          const outcome = applyDelta(
            table,
            delta(table.seq + 1, {
              added: s.added.filter((p) => !has(p)).map((p) => makeRow(p, { pid: s.pid, state: s.state })),
              changed: s.changed.filter(has).filter((p) => !s.added.includes(p)).map((p) => makeRow(p, { pid: s.pid, state: s.state })),
              removed: s.removed.filter(has).filter((p) => !s.added.includes(p) && !s.changed.includes(p)).map((p) => makeRow(p).id),
            }),
            now,
          )
          if (outcome.kind !== 'applied') throw new Error(outcome.kind)
          now += s.elapsed
          table = sweep(outcome.table, now)
          const input = rowsOf(table).filter((t) => !s.oddOnly || t.row.port % 2 === 1)
          sorted = updateSortedRows(sorted, input, sorting)
          expect(sorted.rows).toEqual(sortRows(input, sorting))
        }
      }),
    )
  })
})

describe('sorting by header clicks', () => {
  it('sorts by the clicked column ascending, flips it on the next click, replaces it on another column', () => {
    const byPort = nextSorting([], 'port', false)
    expect(byPort).toEqual([{ id: 'port', desc: false }])
    expect(nextSorting(byPort, 'port', false)).toEqual([{ id: 'port', desc: true }])
    expect(nextSorting([{ id: 'port', desc: true }], 'service', false)).toEqual([{ id: 'service', desc: false }])
  })

  it('adds a shift-clicked column to the sort, or flips it in place', () => {
    const two = nextSorting([{ id: 'port', desc: false }], 'pid', true)
    expect(two).toEqual([{ id: 'port', desc: false }, { id: 'pid', desc: false }])
    expect(nextSorting(two, 'port', true)).toEqual([{ id: 'port', desc: true }, { id: 'pid', desc: false }])
    expect(nextSorting(two, 'pid', false)).toEqual([{ id: 'port', desc: false }, { id: 'pid', desc: true }])
    expect(nextSorting(two, 'port', false)).toEqual([{ id: 'port', desc: true }])
  })
})
