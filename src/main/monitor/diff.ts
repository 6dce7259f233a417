import type { Delta, Row } from '../../shared/row'
import type { RowDraft } from './rows'
import { sameRow } from '../../shared/row-compare'

/** A listener as the history remembers it: first and last seen, and which pid held it since when. */
export interface ListenerSeen {
  firstSeen: number
  lastSeen: number
  pid?: number
  heldSince?: number
}

/** What the persisted history knows about a listener from earlier runs, for an id new to this run. */
export type HistoryOf = (row: RowDraft) => ListenerSeen | undefined

/**
 * When this pid started holding the socket, for a row new to this run: the history's time when it saw
 * the same pid, and that process had already started by then (so the pid was not reused since); else now.
 */
function heldSince(row: RowDraft, seen: ListenerSeen | undefined, now: number): number {
  if (!seen || seen.pid === undefined || seen.heldSince === undefined || seen.pid !== row.pid) return now
  const started = row.processStart
  return started != null && started <= seen.heldSince ? seen.heldSince : now
}

/**
 * Holds the current rows by id and turns each new collection into a delta with the next seq. It also
 * dates them: an id keeps the held-since time it got when it appeared (the history's, when the same
 * process held it then; or now), and first seen is the earliest the history or this run knows.
 */
export class RowDiffer {
  private rows = new Map<string, Row>()
  private seqValue = 0

  constructor(private readonly history?: HistoryOf) {}

  get seq(): number {
    return this.seqValue
  }

  current(): Row[] {
    return [...this.rows.values()]
  }

  get(id: string): Row | undefined {
    return this.rows.get(id)
  }

  /** The rows of a collection made at `now`; returns null when nothing changed (no seq is spent). */
  update(next: readonly RowDraft[], now: number): Delta | null {
    const nextMap = new Map<string, Row>()
    for (const draft of next) {
      const seen = this.history?.(draft)
      const since = this.rows.get(draft.id)?.since ?? heldSince(draft, seen, now)
      nextMap.set(draft.id, { ...draft, since, firstSeen: Math.min(since, seen?.firstSeen ?? since) })
    }
    const added: Row[] = []
    const changed: Row[] = []
    const removed: string[] = []
    for (const [id, row] of nextMap) {
      const before = this.rows.get(id)
      if (!before) added.push(row)
      else if (!sameRow(before, row)) changed.push(row)
    }
    for (const id of this.rows.keys()) if (!nextMap.has(id)) removed.push(id)
    if (added.length === 0 && changed.length === 0 && removed.length === 0) return null
    this.rows = nextMap
    this.seqValue += 1
    return { seq: this.seqValue, added, changed, removed }
  }
}
