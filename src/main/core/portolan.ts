import type { Delta, MonitorStatus, Protocol, Snapshot } from '../../shared/row'
import type { Story } from '../../shared/story'
import type { Collector } from '../monitor/collector'
import { Poller } from '../monitor/poller'
import { selectCollector } from '../monitor/select-collector'
import { loadRegistry } from '../registry'
import type { ServiceLookup } from '../registry/lookup'
import { tellStory } from '../registry/story'

/** How much slower the monitor polls while nobody is looking (window hidden). */
export const BACKGROUND_INTERVAL_FACTOR = 5

export interface PortolanCoreOptions {
  collector?: Collector
  collectorNote?: string | null
  registry?: ServiceLookup
  intervalMs?: number
  timeoutMs?: number
  includeConnections?: boolean
}

/**
 * Monitor and registry wired together, free of Electron: the Electron IPC layer, the web preview
 * bridge and the tests all drive this one object.
 */
export class PortolanCore {
  readonly poller: Poller
  private readonly registry: ServiceLookup
  private foregroundIntervalMs: number

  constructor(options: PortolanCoreOptions = {}) {
    const choice = options.collector ? { collector: options.collector, note: options.collectorNote ?? null } : selectCollector()
    this.registry = options.registry ?? loadRegistry()
    this.poller = new Poller({
      collector: choice.collector,
      collectorNote: choice.note,
      registry: this.registry,
      intervalMs: options.intervalMs,
      timeoutMs: options.timeoutMs,
      includeConnections: options.includeConnections,
      privileged: typeof process.getuid === 'function' && process.getuid() === 0,
    })
    this.foregroundIntervalMs = this.poller.status.intervalMs
  }

  start(): void {
    this.poller.start()
  }

  snapshot(): Snapshot {
    return this.poller.snapshot()
  }

  onDelta(cb: (delta: Delta) => void): () => void {
    return this.poller.onDelta(cb)
  }

  onStatus(cb: (status: MonitorStatus) => void): () => void {
    return this.poller.onStatus(cb)
  }

  story(port: number, protocol?: Protocol): Story {
    return tellStory(port, protocol ?? null, this.registry, this.poller.rows())
  }

  /** Hidden windows still get a slow background poll, so later features (alerts, history) keep working. */
  setVisible(visible: boolean): void {
    this.poller.setIntervalMs(visible ? this.foregroundIntervalMs : this.foregroundIntervalMs * BACKGROUND_INTERVAL_FACTOR)
  }

  setIntervalMs(ms: number): void {
    this.foregroundIntervalMs = ms
    this.poller.setIntervalMs(ms)
  }

  close(): Promise<void> {
    return this.poller.close()
  }
}
