import { describe, expect, it } from 'vitest'
import { keyToMove, moveSelection } from '../../../src/renderer/src/components/table/grid-keys'

describe('grid keyboard movement', () => {
  it('maps keys to moves and ignores the rest', () => {
    expect(keyToMove('ArrowDown')).toBe('down')
    expect(keyToMove('End')).toBe('last')
    expect(keyToMove('a')).toBeNull()
  })

  it('moves within bounds, by page, and from no selection', () => {
    expect(moveSelection(-1, 'down', 10, 5)).toBe(0)
    expect(moveSelection(-1, 'up', 10, 5)).toBe(9)
    expect(moveSelection(0, 'up', 10, 5)).toBe(0)
    expect(moveSelection(8, 'pageDown', 10, 5)).toBe(9)
    expect(moveSelection(8, 'pageUp', 10, 5)).toBe(3)
    expect(moveSelection(4, 'first', 10, 5)).toBe(0)
    expect(moveSelection(3, 'down', 0, 5)).toBe(-1)
  })
})
