import { describe, expect, it } from 'vitest'
import { RowDiffer } from '../../../../src/main/monitor/diff'
import type { Row } from '../../../../src/shared/row'

function row(id: string, patch: Partial<Row> = {}): Row {
  return {
    id, protocol: 'tcp', family: 4, address: '127.0.0.1', port: 80, state: 'LISTEN', pid: 1, process: 'a',
    service: null, description: null, range: 'system', exposure: 'loopback', remoteAddress: null, remotePort: null,
    uid: 0, ownerHidden: false, since: 0, container: null, ...patch,
  }
}

describe('RowDiffer', () => {
  it('numbers deltas from 1 and spends no seq when nothing changed', () => {
    const differ = new RowDiffer()
    expect(differ.seq).toBe(0)
    expect(differ.update([])).toBeNull()
    const first = differ.update([row('a'), row('b')])
    expect(first).toEqual({ seq: 1, added: [row('a'), row('b')], changed: [], removed: [] })
    expect(differ.update([row('b'), row('a')])).toBeNull()
    expect(differ.seq).toBe(1)
  })

  it('reports added, changed and removed rows by id', () => {
    const differ = new RowDiffer()
    differ.update([row('a'), row('b'), row('c')])
    const delta = differ.update([row('a'), row('b', { process: 'renamed' }), row('d')])
    expect(delta).toEqual({ seq: 2, added: [row('d')], changed: [row('b', { process: 'renamed' })], removed: ['c'] })
    expect(differ.current().map((r) => r.id).sort()).toEqual(['a', 'b', 'd'])
  })

  it('ignores the first-seen time, which belongs to the id', () => {
    const differ = new RowDiffer()
    differ.update([row('a', { since: 1 })])
    expect(differ.update([row('a', { since: 2 })])).toBeNull()
  })

  it('handles thousands of rows appearing and vanishing between two polls', () => {
    const differ = new RowDiffer()
    const before = Array.from({ length: 5000 }, (_, i) => row(`old${i}`))
    const after = Array.from({ length: 5000 }, (_, i) => row(`new${i}`))
    differ.update(before)
    const delta = differ.update(after)!
    expect(delta.added).toHaveLength(5000)
    expect(delta.removed).toHaveLength(5000)
    expect(differ.current()).toHaveLength(5000)
  })
})
