import { join } from 'node:path'
import * as v from 'valibot'
import type { Delta, Row } from '../../shared/row'
import { loadJsonFile, saveJsonFile } from '../storage/json-file'

const Integer = v.pipe(v.number(), v.integer())
/** [firstSeen, lastSeen] from older files, or [firstSeen, lastSeen, pid, heldSince]. */
const EntrySchema = v.union([v.strictTuple([Integer, Integer]), v.strictTuple([Integer, Integer, Integer, Integer])])
const HistorySchema = v.object({ listeners: v.record(v.string(), EntrySchema) })

export interface Seen {
  firstSeen: number
  lastSeen: number
  /** The pid that held it when last seen, and since when (so a Portolan restart keeps a same-pid row's age). */
  pid?: number
  heldSince?: number
}

export const DEFAULT_MAX_ENTRIES = 5000

/** A listener is the same across restarts when protocol, address, port and program match; the pid may change. */
export function listenerKey(row: Pick<Row, 'protocol' | 'address' | 'port' | 'process'>): string {
  return `${row.protocol}|${row.address}|${row.port}|${row.process ?? '-'}`
}

/**
 * When each listener was first and last seen, kept in <data dir>/history.json across runs. Bounded:
 * past maxEntries, the listeners not seen for longest are forgotten first.
 */
export class ListenerHistory {
  private readonly entries = new Map<string, Seen>()
  private dirty = false
  readonly notice: string | null
  private readonly path: string

  constructor(dataDirectory: string, private readonly maxEntries = DEFAULT_MAX_ENTRIES) {
    this.path = join(dataDirectory, 'history.json')
    const loaded = loadJsonFile(this.path, HistorySchema, { listeners: {} })
    for (const [key, [firstSeen, lastSeen, pid, heldSince]] of Object.entries(loaded.value.listeners)) {
      this.entries.set(key, pid === undefined ? { firstSeen, lastSeen } : { firstSeen, lastSeen, pid, heldSince })
    }
    this.notice = loaded.notice
  }

  get size(): number {
    return this.entries.size
  }

  seen(row: Pick<Row, 'protocol' | 'address' | 'port' | 'process'>): Seen | undefined {
    return this.entries.get(listenerKey(row))
  }

  /** Records that these rows are present now. */
  observe(rows: readonly Row[], now: number): void {
    for (const row of rows) {
      const key = listenerKey(row)
      const entry = this.entries.get(key) ?? { firstSeen: Math.min(row.since, now), lastSeen: now }
      entry.lastSeen = now
      entry.firstSeen = Math.min(entry.firstSeen, row.since)
      if (row.pid === null) {
        delete entry.pid
        delete entry.heldSince
      } else if (entry.pid !== row.pid || entry.heldSince !== row.since) {
        entry.pid = row.pid
        entry.heldSince = row.since
      }
      this.entries.set(key, entry)
    }
    if (rows.length > 0) this.dirty = true
    this.prune()
  }

  /** Writes the file if anything changed since the last save. */
  save(): void {
    if (!this.dirty) return
    saveJsonFile(this.path, { listeners: Object.fromEntries([...this.entries].map(([key, s]) => [key, s.pid === undefined || s.heldSince === undefined ? [s.firstSeen, s.lastSeen] : [s.firstSeen, s.lastSeen, s.pid, s.heldSince]])) })
    this.dirty = false
  }

  private prune(): void {
    const excess = this.entries.size - this.maxEntries
    if (excess <= 0) return
    const oldest = [...this.entries].sort((a, b) => a[1].lastSeen - b[1].lastSeen).slice(0, excess)
    for (const [key] of oldest) this.entries.delete(key)
  }
}

/** How often the listener history is written to disk (and on close). */
export const HISTORY_SAVE_INTERVAL_MS = 30_000

/** What the recorder follows: the monitor's deltas and its current rows. */
export interface HistorySource {
  onDelta(listener: (delta: Delta) => void): () => void
  rows(): Row[]
}

/**
 * Keeps the history up to date while the monitor runs: new listeners as they appear, and every
 * current row each HISTORY_SAVE_INTERVAL_MS and at close, when the file is written.
 */
export class HistoryRecorder {
  private readonly offDelta: () => void
  private readonly timer: NodeJS.Timeout

  constructor(private readonly history: ListenerHistory, private readonly source: HistorySource) {
    this.offDelta = source.onDelta((delta) => history.observe(delta.added, Date.now()))
    this.timer = setInterval(() => this.save(), HISTORY_SAVE_INTERVAL_MS)
    this.timer.unref()
  }

  /** Stops following the monitor and writes what it saw last. */
  close(): void {
    clearInterval(this.timer)
    this.offDelta()
    this.save()
  }

  private save(): void {
    try {
      this.history.observe(this.source.rows(), Date.now())
      this.history.save()
    } catch (error) {
      console.error('portolan: could not save listener history:', error)
    }
  }
}
