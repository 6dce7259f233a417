import type { ActivitySample } from '../../shared/activity'
import type { RowDraft } from './rows'

/** Polls of history a row's sparkline shows. */
export const HISTORY_LENGTH = 30

/**
 * Joins the collector's activity samples to rows by id and keeps each row's recent rates for its
 * sparkline: one value per poll, so the history advances with the poll, not with changes.
 */
export class ActivityRows {
  private history = new Map<string, number[]>()
  private samples: readonly ActivitySample[] | null = null
  private byId = new Map<string, ActivitySample>()

  /** Whether a sparkline still has non-zero values to scroll out: the next poll must apply even if nothing else changed. */
  get moving(): boolean {
    for (const values of this.history.values()) if (values.some((v) => v !== 0)) return true
    return false
  }

  apply<R extends RowDraft>(rows: readonly R[], samples: readonly ActivitySample[] | null): R[] {
    if (samples !== this.samples) {
      this.samples = samples
      this.byId = new Map((samples ?? []).map((s) => [s.id, s]))
    }
    const history = new Map<string, number[]>()
    const out = rows.map((row) => {
      const sample = this.byId.get(row.id)
      if (!sample) return row
      const values = [...(this.history.get(row.id) ?? []), sample.sendRate + sample.receiveRate].slice(-HISTORY_LENGTH)
      history.set(row.id, values)
      const { id: _id, ...measured } = sample
      return { ...row, activity: { ...measured, history: values } }
    })
    this.history = history
    return out
  }
}
