import type { Provenance } from '../../shared/provenance'
import type { ActivitySample } from '../../shared/activity'
import { errorMessage, type Collection, type CollectOptions, type Collector, type OwnerInfo, type SocketRecord } from './collector'
import type { HelperCollector } from './helper-collector'
import { FAILURES_BEFORE_FALLBACK } from './select-collector'

/**
 * The app's own collector, or an elevated helper while one is in use. A helper that dies or misbehaves,
 * or fails FAILURES_BEFORE_FALLBACK collections in a row, is dropped for the app's own collector, and
 * `note` says so until a helper is used again.
 */
export class HelperSwitch implements Collector {
  private helper: HelperCollector | null = null
  private failures = 0
  private dropped: string | null = null
  /** Which collector gave the last answer: another one has no previous answer the caller could have kept. */
  private answered: Collector | null = null

  constructor(private readonly own: Collector) {}

  get name(): string {
    return this.helper?.name ?? this.own.name
  }

  get note(): string | null {
    if (this.helper) return null
    return this.dropped ?? this.own.note ?? null
  }

  get privileged(): boolean | undefined {
    return this.helper ? this.helper.privileged : this.own.privileged
  }

  get usingHelper(): boolean {
    return this.helper !== null
  }

  use(helper: HelperCollector): void {
    if (this.helper !== helper) this.helper?.close()
    this.helper = helper
    this.failures = 0
    this.dropped = null
  }

  collect(options: CollectOptions & { lastKept?: false }): Promise<SocketRecord[]>
  collect(options: CollectOptions): Promise<Collection>
  async collect(options: CollectOptions): Promise<Collection> {
    const helper = this.helper
    if (helper) {
      try {
        const collection = await this.collectWith(helper, options)
        this.failures = 0
        return collection
      } catch (error) {
        this.failures++
        // One failed collection (the helper's own collector, a timeout) is retried by the poller.
        if (!helper.failure && this.failures < FAILURES_BEFORE_FALLBACK) throw error
        this.drop(helper, helper.failure ?? error)
        if (options.signal.aborted) throw error
      }
    }
    return this.collectWith(this.own, options)
  }

  private async collectWith(collector: Collector, options: CollectOptions): Promise<Collection> {
    const lastKept = options.lastKept === true && this.answered === collector
    this.answered = null
    const collection = await collector.collect({ ...options, lastKept })
    this.answered = collector
    return collection
  }

  /** Owner details from whichever collector answered (the helper's, where it reads them). */
  processDetails(pid: number): OwnerInfo | undefined {
    const active: Collector = this.helper ?? this.own
    return active.processDetails?.(pid)
  }

  /** Provenance and activity come from this process's own collector; the elevated helper sends neither. */
  provenanceOf(pid: number): Provenance | undefined {
    return this.helper ? undefined : this.own.provenanceOf?.(pid)
  }

  activity(): readonly ActivitySample[] | null {
    return this.helper ? null : (this.own.activity?.() ?? null)
  }

  async close(): Promise<void> {
    this.helper?.close()
    this.helper = null
    await this.own.close?.()
  }

  private drop(helper: HelperCollector, why: unknown): void {
    if (this.helper !== helper) return
    helper.close()
    this.helper = null
    this.dropped = `Stopped showing all owners: ${errorMessage(why)}. Back to ${this.own.name}, which sees only this user's owners.`
  }
}
