import { describe, expect, it } from 'vitest'
import { RowDiffer } from '../../../../src/main/monitor/diff'
import type { Row } from '../../../../src/shared/row'

/** A row as the differ gives it back: first seen is its since unless the history knew it earlier. */
function row(id: string, patch: Partial<Row> = {}): Row {
  const r: Row = {
    id, protocol: 'tcp', family: 4, address: '127.0.0.1', port: 80, state: 'LISTEN', pid: 1, process: 'a',
    service: null, description: null, range: 'system', exposure: 'loopback', remoteAddress: null, remotePort: null,
    uid: 0, ownerHidden: false, since: 0, container: null, ...patch,
  }
  return { ...r, firstSeen: patch.firstSeen ?? r.since }
}

describe('RowDiffer', () => {
  it('numbers deltas from 1 and spends no seq when nothing changed', () => {
    const differ = new RowDiffer()
    expect(differ.seq).toBe(0)
    expect(differ.update([], 0)).toBeNull()
    const first = differ.update([row('a'), row('b')], 0)
    expect(first).toEqual({ seq: 1, added: [row('a'), row('b')], changed: [], removed: [] })
    expect(differ.update([row('b'), row('a')], 0)).toBeNull()
    expect(differ.seq).toBe(1)
  })

  it('reports added, changed and removed rows by id', () => {
    const differ = new RowDiffer()
    differ.update([row('a'), row('b'), row('c')], 0)
    const delta = differ.update([row('a'), row('b', { process: 'renamed' }), row('d')], 0)
    expect(delta).toEqual({ seq: 2, added: [row('d')], changed: [row('b', { process: 'renamed' })], removed: ['c'] })
    expect(differ.current().map((r) => r.id).sort()).toEqual(['a', 'b', 'd'])
  })

  it('dates an id when it appears and keeps that first-seen time while it stays', () => {
    const differ = new RowDiffer()
    differ.update([row('a')], 1)
    expect(differ.update([row('a'), row('b')], 2)).toMatchObject({ added: [{ id: 'b', since: 2 }], changed: [] })
    expect(differ.update([row('a'), row('b')], 3)).toBeNull()
    expect(Object.fromEntries(differ.current().map((r) => [r.id, r.since]))).toEqual({ a: 1, b: 2 })
    // A change keeps the date too; an id that left and came back is new again.
    expect(differ.update([row('a', { process: 'renamed' })], 4)?.changed).toEqual([row('a', { process: 'renamed', since: 1 })])
    expect(differ.update([row('a', { process: 'renamed' }), row('b')], 5)?.added).toEqual([row('b', { since: 5 })])
  })

  it('dates an id new to this run from the history: first seen always, held since only for the same pid, started by then', () => {
    const differ = new RowDiffer((draft) => (draft.port === 81 ? undefined : { firstSeen: 7, lastSeen: 50, pid: 1, heldSince: 20 }))
    differ.update([
      row('same', { processStart: 10 }),
      row('reused', { processStart: 30 }),
      row('other', { pid: 2, processStart: 10 }),
      row('unknown', { port: 81 }),
    ], 100)
    expect(Object.fromEntries(differ.current().map((r) => [r.id, [r.since, r.firstSeen]]))).toEqual({
      same: [20, 7],
      reused: [100, 7],
      other: [100, 7],
      unknown: [100, 100],
    })
  })

  it('handles thousands of rows appearing and vanishing between two polls', () => {
    const differ = new RowDiffer()
    const before = Array.from({ length: 5000 }, (_, i) => row(`old${i}`))
    const after = Array.from({ length: 5000 }, (_, i) => row(`new${i}`))
    differ.update(before, 0)
    const delta = differ.update(after, 0)!
    expect(delta.added).toHaveLength(5000)
    expect(delta.removed).toHaveLength(5000)
    expect(differ.current()).toHaveLength(5000)
  })
})
