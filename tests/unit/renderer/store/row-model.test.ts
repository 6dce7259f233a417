import { describe, expect, it } from 'vitest'
import { HIGHLIGHT_MS, applyDelta, fromSnapshot, liveCount, nextExpiry, sweep, type RowTable } from '../../../../src/renderer/src/store/row-model'
import { delta, makeRow, snapshotOf } from './fixtures'

const T0 = 10_000

function applied(table: RowTable, ...args: Parameters<typeof applyDelta> extends [RowTable, ...infer Rest] ? Rest : never): RowTable {
  const outcome = applyDelta(table, ...args)
  if (outcome.kind !== 'applied') throw new Error(`expected applied, got ${outcome.kind}`)
  return outcome.table
}

describe('row model', () => {
  it('takes the first snapshot without marking anything', () => {
    const table = fromSnapshot(snapshotOf(5, [makeRow(80), makeRow(443)]), T0)
    expect(table.seq).toBe(5)
    expect([...table.byId.values()].map((t) => t.change)).toEqual([null, null])
    expect(nextExpiry(table)).toBeNull()
  })

  it('applies deltas in seq order and marks new, changed and removed rows', () => {
    const table0 = fromSnapshot(snapshotOf(1, [makeRow(80), makeRow(443)]), T0)
    const table1 = applied(table0, delta(2, { added: [makeRow(8080)], changed: [makeRow(80, { pid: 7 })], removed: [makeRow(443).id] }), T0)
    expect(table1.seq).toBe(2)
    expect(table1.byId.get(makeRow(8080).id)?.change).toBe('new')
    expect(table1.byId.get(makeRow(80).id)).toMatchObject({ change: 'changed', row: { pid: 7 } })
    expect(table1.byId.get(makeRow(443).id)?.change).toBe('removed')
    expect(liveCount(table1)).toBe(2)
    // The input table is left as it was.
    expect(table0.byId.get(makeRow(443).id)?.change).toBeNull()
  })

  it('updates a row whose traffic alone changed without marking it, and keeps a new row new', () => {
    const activity = (bytes: number) => ({ connections: 3, acceptQueue: 0, acceptBacklog: 511, bytesSent: bytes, bytesReceived: bytes, sendRate: bytes, receiveRate: 0, rttMs: 0.1, history: [bytes] })
    const table0 = fromSnapshot(snapshotOf(1, [makeRow(80, { activity: activity(1) })]), T0)
    const table1 = applied(table0, delta(2, { added: [makeRow(81, { activity: activity(1) })], changed: [makeRow(80, { activity: activity(500), connections: 4 })] }), T0)
    expect(table1.byId.get(makeRow(80).id)).toMatchObject({ change: null, row: { connections: 4, activity: { bytesSent: 500 } } })
    const table2 = applied(table1, delta(3, { changed: [makeRow(81, { activity: activity(900) })] }), T0 + 1000)
    expect(table2.byId.get(makeRow(81).id)).toMatchObject({ change: 'new', changeUntil: T0 + HIGHLIGHT_MS.new, row: { activity: { bytesSent: 900 } } })
    // What the row lists changing still marks it.
    const table3 = applied(table2, delta(4, { changed: [makeRow(80, { activity: activity(500), pid: 9 })] }), T0 + 2000)
    expect(table3.byId.get(makeRow(80).id)?.change).toBe('changed')
  })

  it('drops deltas with seq at or below the table seq', () => {
    const table = fromSnapshot(snapshotOf(7, [makeRow(80)]), T0)
    expect(applyDelta(table, delta(7, { added: [makeRow(81)] }), T0)).toEqual({ kind: 'stale' })
    expect(applyDelta(table, delta(3, { removed: [makeRow(80).id] }), T0)).toEqual({ kind: 'stale' })
  })

  it('reports a gap instead of applying a delta that skips a seq', () => {
    const table = fromSnapshot(snapshotOf(7, [makeRow(80)]), T0)
    expect(applyDelta(table, delta(9, { added: [makeRow(81)] }), T0)).toEqual({ kind: 'gap', expected: 8, received: 9 })
  })

  it('keeps a removed row, flagged, until its mark expires, then drops it', () => {
    const table0 = fromSnapshot(snapshotOf(1, [makeRow(80), makeRow(443)]), T0)
    const table1 = applied(table0, delta(2, { removed: [makeRow(443).id] }), T0)
    expect(nextExpiry(table1)).toBe(T0 + HIGHLIGHT_MS.removed)
    expect(sweep(table1, T0 + HIGHLIGHT_MS.removed - 1)).toBe(table1)
    const swept = sweep(table1, T0 + HIGHLIGHT_MS.removed)
    expect(swept.byId.has(makeRow(443).id)).toBe(false)
    expect(swept.byId.get(makeRow(80).id)?.change).toBeNull()
  })

  it('clears new and changed marks when they expire, keeping the rows', () => {
    const table0 = fromSnapshot(snapshotOf(1, [makeRow(80)]), T0)
    const table1 = applied(table0, delta(2, { added: [makeRow(81)], changed: [makeRow(80, { state: 'X' })] }), T0)
    const swept = sweep(table1, T0 + Math.max(HIGHLIGHT_MS.new, HIGHLIGHT_MS.changed))
    expect([...swept.byId.values()].map((t) => [t.row.port, t.change])).toEqual([
      [80, null],
      [81, null],
    ])
    expect(nextExpiry(swept)).toBeNull()
  })

  it('marks a row that comes back while still flagged removed as new', () => {
    const table0 = fromSnapshot(snapshotOf(1, [makeRow(80)]), T0)
    const table1 = applied(table0, delta(2, { removed: [makeRow(80).id] }), T0)
    const table2 = applied(table1, delta(3, { added: [makeRow(80)] }), T0 + 10)
    expect(table2.byId.get(makeRow(80).id)?.change).toBe('new')
  })

  it('marks the differences a resync snapshot brings, as deltas would have', () => {
    const before = fromSnapshot(snapshotOf(1, [makeRow(80), makeRow(443), makeRow(22)]), T0)
    const after = fromSnapshot(snapshotOf(9, [makeRow(80), makeRow(443, { pid: 1 }), makeRow(8080)]), T0 + 5, before)
    expect(after.seq).toBe(9)
    const marks = Object.fromEntries([...after.byId.values()].map((t) => [t.row.port, t.change]))
    expect(marks).toEqual({ 80: null, 443: 'changed', 22: 'removed', 8080: 'new' })
  })
})

describe('row arrival order', () => {
  it('keeps a row its place across changes and removal, and puts new ids last', () => {
    const table0 = fromSnapshot(snapshotOf(1, [makeRow(80), makeRow(443)]), T0)
    const table1 = applied(table0, delta(2, { added: [makeRow(22)], changed: [makeRow(443, { pid: 9 })], removed: [makeRow(80).id] }), T0)
    const orders = (table: RowTable) => [...table.byId.values()].map((t) => [t.row.port, t.order])
    expect(orders(table1)).toEqual([
      [80, 0],
      [443, 1],
      [22, 2],
    ])
    const table2 = applied(sweep(table1, T0 + HIGHLIGHT_MS.removed), delta(3, { added: [makeRow(80)] }), T0 + HIGHLIGHT_MS.removed)
    expect(orders(table2)).toEqual([
      [443, 1],
      [22, 2],
      [80, 3],
    ])
  })
})
