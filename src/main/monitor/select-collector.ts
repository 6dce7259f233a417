import { errorText } from '../../shared/error-text'
import { type Collection, type CollectOptions, type Collector, type SocketRecord } from './collector'
import { SockDiagCollector } from './linux/sock-diag-collector'
import { SystemInformationCollector } from './si-collector'

export interface CollectorChoice {
  collector: Collector
}

/** Consecutive failures after which a collector that once worked is given up for the fallback. */
export const FAILURES_BEFORE_FALLBACK = 3

/**
 * Runs the preferred collector and switches to the fallback for good when it cannot start (its first
 * collection fails) or when it fails FAILURES_BEFORE_FALLBACK times in a row, saying why in `note`.
 */
export class FallbackCollector implements Collector {
  private active: Collector
  private switched = false
  private everWorked = false
  private failures = 0
  note: string | null = null

  constructor(private readonly preferred: Collector, private readonly makeFallback: () => Collector) {
    this.active = preferred
  }

  get name(): string {
    return this.active.name
  }

  collect(options: CollectOptions & { lastKept?: false }): Promise<SocketRecord[]>
  collect(options: CollectOptions): Promise<Collection>
  async collect(options: CollectOptions): Promise<Collection> {
    if (this.switched) return this.active.collect(options)
    try {
      const records = await this.preferred.collect(options)
      this.everWorked = true
      this.failures = 0
      return records
    } catch (error) {
      this.failures++
      if (this.everWorked && this.failures < FAILURES_BEFORE_FALLBACK) throw error
      this.switchToFallback(error)
      // A collection the poller already gave up on (timeout) stays failed; the next one uses the fallback.
      if (options.signal.aborted) throw error
      // The fallback has no previous answer the caller could have kept.
      return this.active.collect({ ...options, lastKept: false })
    }
  }

  async close(): Promise<void> {
    await this.preferred.close?.()
    if (this.switched) await this.active.close?.()
  }

  private switchToFallback(error: unknown): void {
    const why = this.everWorked
      ? `failed ${this.failures} times in a row (last: ${errorText(error)})`
      : `could not start (${errorText(error)})`
    this.active = this.makeFallback()
    this.switched = true
    this.note = `The ${this.preferred.name} collector ${why}; using ${this.active.name} instead.`
    void Promise.resolve(this.preferred.close?.()).catch(() => undefined)
  }
}

/** The collector for this platform: sock_diag on Linux (falling back to systeminformation), else systeminformation. */
export function selectCollector(platform: NodeJS.Platform = process.platform): CollectorChoice {
  const portable = (): Collector => new SystemInformationCollector(platform)
  if (platform !== 'linux') return { collector: portable() }
  return { collector: new FallbackCollector(new SockDiagCollector(), portable) }
}
