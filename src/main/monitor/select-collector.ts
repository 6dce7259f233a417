import { errorMessage, type CollectOptions, type Collector, type OwnerInfo, type SocketRecord } from './collector'
import { SockDiagCollector } from './linux/sock-diag-collector'
import { SystemInformationCollector } from './si-collector'

export interface CollectorChoice {
  collector: Collector
  /** Why this collector, when it is not the first choice. */
  note: string | null
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

  async collect(options: CollectOptions): Promise<SocketRecord[]> {
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
      return this.active.collect(options)
    }
  }

  processDetails(pid: number): OwnerInfo | undefined {
    return this.active.processDetails?.(pid)
  }

  async close(): Promise<void> {
    await this.preferred.close?.()
    if (this.switched) await this.active.close?.()
  }

  private switchToFallback(error: unknown): void {
    const why = this.everWorked
      ? `failed ${this.failures} times in a row (last: ${errorMessage(error)})`
      : `could not start (${errorMessage(error)})`
    this.active = this.makeFallback()
    this.switched = true
    this.note = `The ${this.preferred.name} collector ${why}; using ${this.active.name} instead.`
    void Promise.resolve(this.preferred.close?.()).catch(() => undefined)
  }
}

/** The collector for this platform: sock_diag on Linux (falling back to systeminformation), else systeminformation. */
export function selectCollector(platform: NodeJS.Platform = process.platform): CollectorChoice {
  const portable = (): Collector => new SystemInformationCollector(platform)
  if (platform !== 'linux') return { collector: portable(), note: null }
  return { collector: new FallbackCollector(new SockDiagCollector(), portable), note: null }
}
