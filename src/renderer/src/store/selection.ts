// Which rows are selected, as pure functions over row ids in the table's order (click, Shift, Ctrl/Cmd).

export interface Selection {
  /** The row the keyboard is on (Enter opens its story; the story follows it); null for none. */
  cursor: string | null
  /** Where a Shift range starts. */
  anchor: string | null
  /** Every selected row, the cursor's included. */
  ids: ReadonlySet<string>
}

export const EMPTY_SELECTION: Selection = { cursor: null, anchor: null, ids: new Set() }

export interface PickModifiers {
  /** Shift: the range from the anchor to this row. */
  range: boolean
  /** Ctrl (Cmd on macOS): add or remove this row, keep the rest. */
  toggle: boolean
}

export function only(id: string | null): Selection {
  return id === null ? EMPTY_SELECTION : { cursor: id, anchor: id, ids: new Set([id]) }
}

/** The ids from `a` to `b` (inclusive, either direction) in `order`; just `b` when `a` is not listed. */
function rangeOf(order: readonly string[], indexOf: (id: string) => number, a: string | null, b: string): string[] {
  const from = a === null ? -1 : indexOf(a)
  const to = indexOf(b)
  if (from < 0 || to < 0) return [b]
  const [low, high] = from <= to ? [from, to] : [to, from]
  return order.slice(low, high + 1)
}

/** The selection after a click (or Space) on `id`, with the given modifiers. */
export function pick(current: Selection, id: string, modifiers: PickModifiers, order: readonly string[], indexOf: (id: string) => number): Selection {
  if (modifiers.range) {
    const ids = new Set(rangeOf(order, indexOf, current.anchor, id))
    // Ctrl+Shift adds the range to what was selected.
    if (modifiers.toggle) for (const kept of current.ids) ids.add(kept)
    return { cursor: id, anchor: current.anchor ?? id, ids }
  }
  if (modifiers.toggle) {
    const ids = new Set(current.ids)
    if (ids.has(id)) ids.delete(id)
    else ids.add(id)
    return { cursor: ids.has(id) ? id : ([...ids].at(-1) ?? null), anchor: id, ids }
  }
  return only(id)
}

/** Every row listed (Ctrl/Cmd+A). */
export function all(order: readonly string[], cursor: string | null): Selection {
  const [first] = order
  if (first === undefined) return EMPTY_SELECTION
  return { cursor: cursor !== null && order.includes(cursor) ? cursor : first, anchor: first, ids: new Set(order) }
}

/** The selected ids in table order (what copy and stop act on), skipping ids no longer listed. */
export function selectedInOrder(selection: Selection, order: readonly string[]): string[] {
  if (selection.ids.size === 0) return []
  return order.filter((id) => selection.ids.has(id))
}
