import type { Provenance } from '../../shared/provenance'
import type { ActivitySample } from '../../shared/activity'
import { errorText } from '../../shared/error-text'
import { type Collection, type CollectOptions, type Collector, type OwnerInfo, type SocketRecord } from './collector'
import { SockDiagCollector } from './linux/sock-diag-collector'
import { SystemInformationCollector } from './si-collector'
import { LibprocCollector } from './macos/libproc-collector'
import { LsofCollector } from './macos/lsof-collector'
import { IpHelperCollector } from './windows/ip-helper-collector'

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
  private switchNote: string | null = null

  constructor(private readonly preferred: Collector, private readonly makeFallback: () => Collector) {
    this.active = preferred
  }

  get name(): string {
    return this.active.name
  }

  /** Why the fallback is in use, or what the preferred collector says about what it sees. */
  get note(): string | null {
    if (!this.switched) return this.preferred.note ?? null
    // A fallback that is itself a chain (lsof, then systeminformation) adds its own story.
    return [this.switchNote, this.active.note].filter((n): n is string => typeof n === 'string' && n !== '').join(' ') || null
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

  processDetails(pid: number): OwnerInfo | undefined {
    return this.active.processDetails?.(pid)
  }

  activity(): readonly ActivitySample[] | null {
    return this.active.activity?.() ?? null
  }

  provenanceOf(pid: number): Provenance | undefined {
    return this.active.provenanceOf?.(pid)
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
    this.switchNote = `The ${this.preferred.name} collector ${why}; using ${this.active.name} instead.`
    void Promise.resolve(this.preferred.close?.()).catch(() => undefined)
  }
}

/**
 * The collector for this platform, each falling back to systeminformation: sock_diag on Linux, the IP Helper
 * tables on Windows, libproc on macOS (then lsof, then systeminformation); elsewhere systeminformation.
 */
export function selectCollector(platform: NodeJS.Platform = process.platform): CollectorChoice {
  const portable = (): Collector => new SystemInformationCollector(platform)
  if (platform === 'linux') return { collector: new FallbackCollector(new SockDiagCollector(), portable) }
  if (platform === 'win32') return { collector: new FallbackCollector(new IpHelperCollector(), portable) }
  if (platform === 'darwin') {
    const lsofThenPortable = (): Collector => new FallbackCollector(new LsofCollector(), portable)
    return { collector: new FallbackCollector(new LibprocCollector(), lsofThenPortable) }
  }
  return { collector: portable() }
}
