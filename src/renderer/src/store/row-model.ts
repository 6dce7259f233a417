import type { Delta, Row, Snapshot } from '../../../shared/row'
import { sameListing } from '../../../shared/row-compare'

// The renderer's copy of the monitor's rows, kept in seq order, with TCPView-style change marks.
// Pure functions over immutable values, so the store and the tests share one implementation.

export type RowChange = 'new' | 'changed' | 'removed'

/** How long each mark stays; a removed row leaves the table when its mark expires. */
export const HIGHLIGHT_MS: Readonly<Record<RowChange, number>> = { new: 4000, changed: 4000, removed: 3000 }

export interface TrackedRow {
  row: Row
  change: RowChange | null
  /** Epoch ms when the mark expires; 0 without a mark. */
  changeUntil: number
  /**
   * Arrival order, kept while the id stays in the table: the table's tie-break when sort keys are equal
   * (the order byId iterates in), carried on the row so sorting never has to look it up.
   */
  order: number
}

export interface RowTable {
  /** The seq of the last snapshot or delta applied. */
  seq: number
  byId: ReadonlyMap<string, TrackedRow>
  /** The order the next id new to the table gets. */
  nextOrder: number
}

export const EMPTY_TABLE: RowTable = { seq: 0, byId: new Map(), nextOrder: 0 }

export type DeltaOutcome =
  | { kind: 'applied'; table: RowTable }
  /** seq ≤ the table's: already contained in the snapshot or applied before. */
  | { kind: 'stale' }
  /** A delta went missing: only a fresh snapshot can repair the table. */
  | { kind: 'gap'; expected: number; received: number }

function marked(row: Row, change: RowChange, now: number, order: number): TrackedRow {
  return { row, change, changeUntil: now + HIGHLIGHT_MS[change], order }
}

function unmarked(row: Row, order: number): TrackedRow {
  return { row, change: null, changeUntil: 0, order }
}

/**
 * A table from a snapshot. Without a previous table (first load) nothing is marked; on a resync the
 * differences from the previous table are marked as if they had arrived in deltas.
 */
export function fromSnapshot(snapshot: Snapshot, now: number, previous?: RowTable): RowTable {
  // Orders restart at the snapshot's own order (byId's order), so every row is a new object here.
  const byId = new Map<string, TrackedRow>()
  for (const row of snapshot.rows) {
    const before = previous?.byId.get(row.id)
    const order = byId.size
    if (!previous) byId.set(row.id, unmarked(row, order))
    else if (!before || before.change === 'removed') byId.set(row.id, marked(row, 'new', now, order))
    else if (before.row !== row && !sameListing(before.row, row)) byId.set(row.id, marked(row, 'changed', now, order))
    else byId.set(row.id, { ...before, row, order })
  }
  if (previous) {
    for (const [id, before] of previous.byId) {
      if (byId.has(id)) continue
      const order = byId.size
      byId.set(id, before.change === 'removed' ? { ...before, order } : marked(before.row, 'removed', now, order))
    }
  }
  return { seq: snapshot.seq, byId, nextOrder: byId.size }
}

export function applyDelta(table: RowTable, delta: Delta, now: number): DeltaOutcome {
  if (delta.seq <= table.seq) return { kind: 'stale' }
  if (delta.seq !== table.seq + 1) return { kind: 'gap', expected: table.seq + 1, received: delta.seq }
  const byId = new Map(table.byId)
  let nextOrder = table.nextOrder
  // An id already in the table keeps its place (Map.set keeps it too); a new one goes last.
  const orderOf = (id: string) => byId.get(id)?.order ?? nextOrder++
  for (const row of delta.added) byId.set(row.id, marked(row, 'new', now, orderOf(row.id)))
  for (const row of delta.changed) {
    const before = byId.get(row.id)
    // Traffic alone (activity, connection counts) updates the row but neither marks it nor ends its mark.
    if (before && before.change !== 'removed' && sameListing(before.row, row)) byId.set(row.id, { ...before, row })
    else byId.set(row.id, marked(row, 'changed', now, orderOf(row.id)))
  }
  for (const id of delta.removed) {
    const before = byId.get(id)
    if (before) byId.set(id, marked(before.row, 'removed', now, before.order))
  }
  return { kind: 'applied', table: { seq: delta.seq, byId, nextOrder } }
}

/** Clears expired marks and drops removed rows whose mark expired; returns the same table if nothing expired. */
export function sweep(table: RowTable, now: number): RowTable {
  let byId: Map<string, TrackedRow> | null = null
  for (const [id, tracked] of table.byId) {
    if (tracked.change === null || tracked.changeUntil > now) continue
    byId ??= new Map(table.byId)
    if (tracked.change === 'removed') byId.delete(id)
    else byId.set(id, unmarked(tracked.row, tracked.order))
  }
  return byId ? { ...table, byId } : table
}

/** When the next mark expires, or null when no row is marked. */
export function nextExpiry(table: RowTable): number | null {
  let next: number | null = null
  for (const tracked of table.byId.values()) {
    if (tracked.change !== null && (next === null || tracked.changeUntil < next)) next = tracked.changeUntil
  }
  return next
}

/** Rows that are still there (a removed row keeps its place only until its mark expires). */
export function liveCount(table: RowTable): number {
  let count = 0
  for (const tracked of table.byId.values()) if (tracked.change !== 'removed') count += 1
  return count
}
