// Keyboard movement in the grid, as pure functions.

export type GridMove = 'up' | 'down' | 'pageUp' | 'pageDown' | 'first' | 'last'

const KEY_MOVES: Record<string, GridMove> = {
  ArrowUp: 'up',
  ArrowDown: 'down',
  PageUp: 'pageUp',
  PageDown: 'pageDown',
  Home: 'first',
  End: 'last',
}

export function keyToMove(key: string): GridMove | null {
  return KEY_MOVES[key] ?? null
}

/** The next selected index; from no selection (-1) any move lands on a row. */
export function moveSelection(current: number, move: GridMove, count: number, pageRows: number): number {
  if (count === 0) return -1
  const last = count - 1
  if (current < 0) return move === 'last' || move === 'up' ? last : 0
  const target = {
    up: current - 1,
    down: current + 1,
    pageUp: current - pageRows,
    pageDown: current + pageRows,
    first: 0,
    last,
  }[move]
  return Math.min(last, Math.max(0, target))
}
