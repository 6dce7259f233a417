import type { Delta, Row } from '../../shared/row'
import type { AlertNotice } from '../../shared/alerts'
import { printable } from '../../shared/printable'
import type { AlertSettings } from '../../shared/settings'

/** Why a new listener deserves an alert under these settings, or null. */
export function alertReason(row: Row, alerts: AlertSettings): string | null {
  if (!alerts.enabled || row.remotePort !== null) return null
  if (alerts.watchedPorts.includes(row.port)) return `watched port ${row.port}`
  const name = row.process?.toLowerCase()
  if (name && alerts.processNames.some((p) => p.toLowerCase() === name)) return `watched program ${row.process}`
  if (alerts.exposedBeyondLoopback && row.exposure !== 'loopback') return 'exposed beyond loopback'
  return null
}

export interface AlertBatch {
  rows: Row[]
  title: string
  body: string
}

/** What the page gets for a batch. */
export function toNotice(batch: AlertBatch): AlertNotice {
  return { title: batch.title, body: batch.body, rowIds: batch.rows.map((row) => row.id) }
}

export function describeBatch(rows: readonly Row[]): AlertBatch {
  const first = rows[0]
  // A process names itself: escaped, so a notification cannot be made to show other lines or reversed text.
  const name = (row: Row) => `${row.process === null ? 'unknown program' : printable(row.process)} on ${row.protocol} ${row.port}`
  if (first && rows.length === 1) {
    return { rows: [first], title: `New listener: ${first.protocol} port ${first.port}`, body: `${name(first)} (${first.address})` }
  }
  const shown = rows.slice(0, 3).map(name).join(', ')
  return { rows: [...rows], title: `${rows.length} new listeners`, body: rows.length > 3 ? `${shown} and ${rows.length - 3} more` : shown }
}

/**
 * Collects matching rows for `windowMs` after the first one, then emits one batch, so a burst of
 * listeners (a dev server starting ten workers) is one notification, not ten.
 */
export class AlertBatcher {
  private pending: Row[] = []
  private timer: NodeJS.Timeout | null = null

  constructor(
    private readonly emit: (batch: AlertBatch) => void,
    private readonly windowMs = 3000,
  ) {}

  offer(rows: readonly Row[], alerts: AlertSettings): void {
    const matching = rows.filter((row) => alertReason(row, alerts) !== null)
    if (matching.length === 0) return
    this.pending.push(...matching)
    this.timer ??= setTimeout(() => this.flush(), this.windowMs)
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    if (this.pending.length === 0) return
    const rows = this.pending
    this.pending = []
    this.emit(describeBatch(rows))
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.pending = []
  }
}

/** What the alert watch follows: the monitor's deltas and the user's alert rules. */
export interface AlertSources {
  monitor: { onDelta(listener: (delta: Delta) => void): () => void }
  settings: { get(): { alerts: AlertSettings } }
}

/**
 * New listeners matching the user's alert rules, batched so a burst is one alert. The first delta is
 * what was already listening at start: not news.
 */
export class AlertWatch {
  private readonly batcher: AlertBatcher
  private readonly listeners = new Set<(batch: AlertBatch) => void>()
  private readonly offDelta: () => void
  private baselineTaken = false

  constructor({ monitor, settings }: AlertSources, windowMs?: number) {
    this.batcher = new AlertBatcher((batch) => {
      for (const listener of this.listeners) listener(batch)
    }, windowMs)
    this.offDelta = monitor.onDelta((delta) => {
      if (this.baselineTaken) this.batcher.offer(delta.added, settings.get().alerts)
      this.baselineTaken = true
    })
  }

  onAlert(cb: (batch: AlertBatch) => void): () => void {
    this.listeners.add(cb)
    return () => this.listeners.delete(cb)
  }

  dispose(): void {
    this.offDelta()
    this.batcher.dispose()
  }
}
