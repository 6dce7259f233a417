import type { Delta, Row, Snapshot } from '../../../shared/row'

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
}

export interface RowTable {
  /** The seq of the last snapshot or delta applied. */
  seq: number
  byId: ReadonlyMap<string, TrackedRow>
}

export const EMPTY_TABLE: RowTable = { seq: 0, byId: new Map() }

export type DeltaOutcome =
  | { kind: 'applied'; table: RowTable }
  /** seq ≤ the table's: already contained in the snapshot or applied before. */
  | { kind: 'stale' }
  /** A delta went missing: only a fresh snapshot can repair the table. */
  | { kind: 'gap'; expected: number; received: number }

function marked(row: Row, change: RowChange, now: number): TrackedRow {
  return { row, change, changeUntil: now + HIGHLIGHT_MS[change] }
}

function unmarked(row: Row): TrackedRow {
  return { row, change: null, changeUntil: 0 }
}

/**
 * A table from a snapshot. Without a previous table (first load) nothing is marked; on a resync the
 * differences from the previous table are marked as if they had arrived in deltas.
 */
export function fromSnapshot(snapshot: Snapshot, now: number, previous?: RowTable): RowTable {
  const byId = new Map<string, TrackedRow>()
  for (const row of snapshot.rows) {
    const before = previous?.byId.get(row.id)
    if (!previous) byId.set(row.id, unmarked(row))
    else if (!before || before.change === 'removed') byId.set(row.id, marked(row, 'new', now))
    else if (before.row !== row && !sameContent(before.row, row)) byId.set(row.id, marked(row, 'changed', now))
    else byId.set(row.id, { ...before, row })
  }
  if (previous) {
    for (const [id, before] of previous.byId) {
      if (byId.has(id)) continue
      byId.set(id, before.change === 'removed' ? before : marked(before.row, 'removed', now))
    }
  }
  return { seq: snapshot.seq, byId }
}

export function applyDelta(table: RowTable, delta: Delta, now: number): DeltaOutcome {
  if (delta.seq <= table.seq) return { kind: 'stale' }
  if (delta.seq !== table.seq + 1) return { kind: 'gap', expected: table.seq + 1, received: delta.seq }
  const byId = new Map(table.byId)
  for (const row of delta.added) byId.set(row.id, marked(row, 'new', now))
  for (const row of delta.changed) byId.set(row.id, marked(row, 'changed', now))
  for (const id of delta.removed) {
    const before = byId.get(id)
    if (before) byId.set(id, marked(before.row, 'removed', now))
  }
  return { kind: 'applied', table: { seq: delta.seq, byId } }
}

/** Clears expired marks and drops removed rows whose mark expired; returns the same table if nothing expired. */
export function sweep(table: RowTable, now: number): RowTable {
  let byId: Map<string, TrackedRow> | null = null
  for (const [id, tracked] of table.byId) {
    if (tracked.change === null || tracked.changeUntil > now) continue
    byId ??= new Map(table.byId)
    if (tracked.change === 'removed') byId.delete(id)
    else byId.set(id, unmarked(tracked.row))
  }
  return byId ? { seq: table.seq, byId } : table
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

function sameContent(a: Row, b: Row): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}
