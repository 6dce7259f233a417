import { join } from 'node:path'
import type { Delta, MonitorStatus, Protocol, Snapshot } from '../../shared/row'
import type { StopOptions, StopOutcome, StopTargetAnswer } from '../../shared/stop'
import type { PortLabel, Story } from '../../shared/story'
import type { Collector } from '../monitor/collector'
import { DockerContainerSource } from '../monitor/containers/docker-source'
import type { ContainerSource } from '../monitor/containers/source'
import { Poller } from '../monitor/poller'
import { selectCollector } from '../monitor/select-collector'
import { LabelStore } from '../registry/labels'
import type { ServiceLookup } from '../registry/lookup'
import type { Registry, RegistryInfo } from '../registry/model'
import { ephemeralRange } from '../registry/ranges'
import { loadActiveRegistry } from '../registry/store'
import { tellStory } from '../registry/story'
import { updateRegistry } from '../registry/update'
import { ProcessStopper } from './stop-process'

/** How much slower the monitor polls while nobody is looking (window hidden). */
export const BACKGROUND_INTERVAL_FACTOR = 5

export interface PortolanCoreOptions {
  collector?: Collector
  collectorNote?: string | null
  registry?: Registry
  /** The data directory (imported registry, labels); defaults to dataDir(). */
  dataDir?: string
  intervalMs?: number
  timeoutMs?: number
  includeConnections?: boolean
  /** Names containers behind published ports; Docker's default socket when omitted, none when null. */
  containers?: ContainerSource | null
}

/**
 * Monitor and registry wired together, free of Electron: the Electron IPC layer, the web preview
 * bridge and the tests all drive this one object.
 */
export class PortolanCore {
  readonly poller: Poller
  private registry: Registry
  /** Why the imported registry could not be used, if it could not. */
  readonly registryWarning: string | null
  private readonly labels: LabelStore
  private readonly dataDir: string | undefined
  private foregroundIntervalMs: number
  private readonly stopper: ProcessStopper

  constructor(options: PortolanCoreOptions = {}) {
    const choice = options.collector ? { collector: options.collector, note: options.collectorNote ?? null } : selectCollector()
    this.dataDir = options.dataDir
    const active = options.registry ? { registry: options.registry, warning: null } : loadActiveRegistry(options.dataDir)
    this.registry = active.registry
    this.registryWarning = active.warning
    this.labels = new LabelStore(options.dataDir === undefined ? undefined : join(options.dataDir, 'labels.json'))
    // Delegates, so an updated registry reaches the poller's join without restarting it.
    const lookup: ServiceLookup = { lookup: (port, protocol) => this.registry.lookup(port, protocol) }
    this.poller = new Poller({
      collector: choice.collector,
      collectorNote: choice.note,
      registry: lookup,
      intervalMs: options.intervalMs,
      timeoutMs: options.timeoutMs,
      includeConnections: options.includeConnections,
      privileged: typeof process.getuid === 'function' && process.getuid() === 0,
      containers: options.containers === undefined ? new DockerContainerSource() : (options.containers ?? undefined),
    })
    this.foregroundIntervalMs = this.poller.status.intervalMs
    this.stopper = new ProcessStopper(this.poller)
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
    return tellStory({
      port,
      protocol: protocol ?? null,
      registry: this.registry,
      live: this.poller.rows(),
      ephemeral: ephemeralRange(),
      labels: this.labels.list(),
    })
  }

  registryInfo(): RegistryInfo {
    return this.registry.info()
  }

  /** Imports IANA's CSV or XML from a file or URL; on any failure the registry in use stays. */
  async updateRegistry(source: string): Promise<RegistryInfo> {
    this.registry = await updateRegistry(source, { current: this.registry, dir: this.dataDir })
    return this.registry.info()
  }

  portLabels(): PortLabel[] {
    return this.labels.list()
  }

  setPortLabel(label: unknown): PortLabel {
    return this.labels.set(label)
  }

  removePortLabel(port: number, protocol: Protocol | null): boolean {
    return this.labels.remove(port, protocol)
  }

  /** What the stop confirmation shows for a listed row's process, or why it cannot be stopped. */
  describeStopTarget(rowId: string): StopTargetAnswer {
    return this.stopper.describe(rowId)
  }

  /** Stops the process confirmed through describeStopTarget(rowId), then re-scans and says what holds its ports. */
  stopProcess(rowId: string, options: StopOptions): Promise<StopOutcome> {
    return this.stopper.stop(rowId, options)
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
