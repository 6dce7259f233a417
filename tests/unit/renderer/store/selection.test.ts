import { describe, expect, it } from 'vitest'
import { EMPTY_SELECTION, all, only, pick, selectedInOrder } from '../../../../src/renderer/src/store/selection'

const order = ['a', 'b', 'c', 'd', 'e']
const indexOf = (id: string) => order.indexOf(id)
const ids = (s: { ids: ReadonlySet<string> }) => [...s.ids].sort()

describe('selection', () => {
  it('a click selects one row; Ctrl/Cmd adds or removes one; Shift takes the range from the anchor', () => {
    let s = pick(EMPTY_SELECTION, 'b', { range: false, toggle: false }, order, indexOf)
    expect(s).toEqual(only('b'))
    s = pick(s, 'd', { range: false, toggle: true }, order, indexOf)
    expect(ids(s)).toEqual(['b', 'd'])
    expect(s.cursor).toBe('d')
    s = pick(s, 'e', { range: true, toggle: false }, order, indexOf)
    expect(ids(s)).toEqual(['d', 'e'])
    s = pick(only('d'), 'a', { range: true, toggle: false }, order, indexOf)
    expect(ids(s)).toEqual(['a', 'b', 'c', 'd'])
    expect(s).toMatchObject({ cursor: 'a', anchor: 'd' })
    s = pick(s, 'b', { range: false, toggle: true }, order, indexOf)
    expect(ids(s)).toEqual(['a', 'c', 'd'])
  })

  it('Ctrl+Shift adds a range to what was selected', () => {
    const s = pick({ ...only('a'), anchor: 'c' }, 'e', { range: true, toggle: true }, order, indexOf)
    expect(ids(s)).toEqual(['a', 'c', 'd', 'e'])
  })

  it('selects all, and lists the selection in table order without rows that left', () => {
    expect(ids(all(order, 'c'))).toEqual(order)
    expect(all([], 'c')).toBe(EMPTY_SELECTION)
    const s = pick(pick(only('e'), 'a', { range: false, toggle: true }, order, indexOf), 'zz', { range: false, toggle: true }, order, indexOf)
    expect(selectedInOrder(s, order)).toEqual(['a', 'e'])
  })
})
