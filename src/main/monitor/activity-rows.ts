import type { Activity, ActivitySample } from '../../shared/activity'
import type { RowDraft } from './rows'

/** Polls of history a row's sparkline shows. */
export const HISTORY_LENGTH = 30

/** The window after `value` comes in: `before` itself when that changes nothing (full, and every value already `value`). */
function advance(before: number[] | undefined, value: number): number[] {
  if (before?.length === HISTORY_LENGTH && before.every((v) => v === value)) return before
  const values = before ? before.slice(before.length >= HISTORY_LENGTH ? 1 : 0) : []
  values.push(value)
  return values
}

function sameMeasure(a: Activity, s: ActivitySample): boolean {
  return (
    a.connections === s.connections && a.acceptQueue === s.acceptQueue && a.acceptBacklog === s.acceptBacklog && a.bytesSent === s.bytesSent &&
    a.bytesReceived === s.bytesReceived && a.sendRate === s.sendRate && a.receiveRate === s.receiveRate && a.rttMs === s.rttMs
  )
}

/**
 * Joins the collector's activity samples to rows by id and keeps each row's recent rates for its
 * sparkline: one value per poll, so the history advances with the poll, not with changes. A row whose
 * row, measure and sparkline are all as last poll is the same object as last poll, so the differ
 * passes over it at once (most rows, most polls, even while a few connections are busy).
 */
export class ActivityRows {
  private history = new Map<string, number[]>()
  private samples: readonly ActivitySample[] | null = null
  private byId = new Map<string, ActivitySample>()
  /** Last poll's output per row id, with the row it was made from. */
  private made = new Map<string, { from: RowDraft; out: RowDraft }>()
  private movingNow = false

  /** Whether a sparkline still has non-zero values to scroll out: the next poll must apply even if nothing else changed. */
  get moving(): boolean {
    return this.movingNow
  }

  apply<R extends RowDraft>(rows: readonly R[], samples: readonly ActivitySample[] | null): R[] {
    if (samples !== this.samples) {
      this.samples = samples
      this.byId = new Map((samples ?? []).map((s) => [s.id, s]))
    }
    const history = new Map<string, number[]>()
    const made = new Map<string, { from: RowDraft; out: RowDraft }>()
    let moving = false
    const out = rows.map((row): R => {
      const sample = this.byId.get(row.id)
      if (!sample) return row
      const before = this.history.get(row.id)
      const values = advance(before, sample.sendRate + sample.receiveRate)
      history.set(row.id, values)
      if (!moving && values.some((v) => v !== 0)) moving = true
      const last = this.made.get(row.id)
      if (last?.from === row && values === before && last.out.activity && sameMeasure(last.out.activity, sample)) {
        made.set(row.id, last)
        return last.out as R
      }
      const activity: Activity = {
        connections: sample.connections,
        acceptQueue: sample.acceptQueue,
        acceptBacklog: sample.acceptBacklog,
        bytesSent: sample.bytesSent,
        bytesReceived: sample.bytesReceived,
        sendRate: sample.sendRate,
        receiveRate: sample.receiveRate,
        rttMs: sample.rttMs,
        history: values,
      }
      const next = { ...row, activity }
      made.set(row.id, { from: row, out: next })
      return next
    })
    this.history = history
    this.made = made
    this.movingNow = moving
    return out
  }
}
