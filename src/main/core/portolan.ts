import { join } from 'node:path'
import type { Delta, MonitorStatus, Protocol, Snapshot } from '../../shared/row'
import type { StopOptions, StopOutcome, StopTargetAnswer } from '../../shared/stop'
import type { PortLabel, Story } from '../../shared/story'
import { errorMessage, type Collector } from '../monitor/collector'
import { nodeHelperProgram, startElevatedHelper, type ElevationOptions, type HelperProgram } from '../monitor/elevation'
import type { HelperCollector } from '../monitor/helper-collector'
import { HelperSwitch } from '../monitor/helper-switch'
import { DockerContainerSource } from '../monitor/containers/docker-source'
import type { ContainerSource } from '../monitor/containers/source'
import { Poller } from '../monitor/poller'
import { ReverseDns } from '../monitor/reverse-dns'
import { selectCollector } from '../monitor/select-collector'
import { LabelStore } from '../registry/labels'
import type { ServiceLookup } from '../registry/lookup'
import type { Registry, RegistryInfo } from '../registry/model'
import { ephemeralRange } from '../registry/ranges'
import { loadActiveRegistry } from '../registry/store'
import { tellStory } from '../registry/story'
import { updateRegistry } from '../registry/update'
import type { ShowAllOwnersOutcome } from '../../shared/owner'
import type { Settings } from '../../shared/settings'
import { exportRows, type ExportFormat } from '../../shared/export'
import { InputError } from '../../shared/validate'
import { AlertBatcher, type AlertBatch } from './alerts'
import { dataDir as defaultDataDir } from './data-dir'
import { ListenerHistory } from './history'
import { processFactsReader } from './process-facts'
import { localPortUrl } from './local-url'
import { SettingsStore } from './settings-store'
import { ProcessStopper } from './stop-process'
import { adviseStop } from './stop-advice'
import { ContainerStopper } from './stop-container'
import { PORTOLAN_PIDS } from './stop-target'

/** Whether the page needs connections: the Connections view (listeners' counts come from the activity). */
export function wantsConnections(settings: Settings): boolean {
  return settings.view === 'connections'
}

/** The label a row shows: the one for its protocol before one for both; null without any. */
export function labelText(labels: readonly PortLabel[], protocol: Protocol): string | null {
  const label = labels.find((l) => l.protocol === protocol) ?? labels.find((l) => l.protocol === null)
  return label?.label ?? null
}

/** How often the listener history is written to disk (and on close). */
export const HISTORY_SAVE_INTERVAL_MS = 30_000

/** How much slower the monitor polls while nobody is looking (window hidden). */
export const BACKGROUND_INTERVAL_FACTOR = 5

export interface PortolanCoreOptions {
  collector?: Collector
  collectorNote?: string | null
  registry?: Registry
  /** The data directory (imported registry, labels, settings, history); defaults to dataDir(). */
  dataDir?: string
  /** Overrides the saved poll interval for this run. */
  intervalMs?: number
  timeoutMs?: number
  includeConnections?: boolean
  /** Measure activity per row (connections, accept queue, bytes, RTT); on unless false. */
  activity?: boolean
  /** How long alerts collect new listeners before one notification goes out. */
  alertWindowMs?: number
  /** Names containers behind published ports; Docker's default socket when omitted, none when null. */
  containers?: ContainerSource | null
  /**
   * What "Show all owners" elevates: the app's own executable in Electron (electronHelperProgram), else
   * this Node running the CLI (nodeHelperProgram, the default).
   */
  helperProgram?: HelperProgram
  /** Elevation details for tests (platform, PATH); the program comes from helperProgram. */
  elevation?: Omit<ElevationOptions, 'program'>
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
  private readonly dataDir: string
  private foregroundIntervalMs: number
  private visible = true
  private readonly stopper: ProcessStopper
  private readonly containerStopper: ContainerStopper
  private readonly containerSource: ContainerSource | null
  readonly settings: SettingsStore
  private readonly history: ListenerHistory
  private readonly alerts: AlertBatcher
  private readonly alertListeners = new Set<(batch: AlertBatch) => void>()
  private readonly historyTimer: NodeJS.Timeout
  private baselineTaken = false
  private readonly alwaysConnections: boolean
  private reverseDns: ReverseDns | null = null
  /** The platform's collector, or the elevated helper while "Show all owners" is on. */
  private readonly collector: HelperSwitch
  private readonly helperProgram: HelperProgram | undefined
  private readonly elevation: Omit<ElevationOptions, 'program'>
  /** A shown command still waiting for someone to run it. */
  private cancelManualHelper: (() => void) | null = null

  constructor(options: PortolanCoreOptions = {}) {
    const choice = options.collector ? { collector: options.collector, note: options.collectorNote ?? null } : selectCollector()
    this.dataDir = options.dataDir ?? defaultDataDir()
    const active = options.registry ? { registry: options.registry, warning: null } : loadActiveRegistry(this.dataDir)
    this.registry = active.registry
    this.registryWarning = active.warning
    this.labels = new LabelStore(join(this.dataDir, 'labels.json'))
    this.settings = new SettingsStore(this.dataDir)
    this.history = new ListenerHistory(this.dataDir)
    // Delegates, so an updated registry reaches the poller's join without restarting it.
    const lookup: ServiceLookup = { lookup: (port, protocol) => this.registry.lookup(port, protocol) }
    this.collector = new HelperSwitch(choice.collector)
    this.helperProgram = options.helperProgram
    this.elevation = options.elevation ?? {}
    this.containerSource = options.containers === undefined ? new DockerContainerSource() : options.containers
    this.poller = new Poller({
      collector: this.collector,
      collectorNote: choice.note,
      registry: lookup,
      intervalMs: options.intervalMs ?? this.settings.get().pollIntervalMs,
      timeoutMs: options.timeoutMs,
      includeConnections: options.includeConnections || wantsConnections(this.settings.get()),
      activity: options.activity ?? true,
      privileged: typeof process.getuid === 'function' && process.getuid() === 0,
      containers: this.containerSource ?? undefined,
      history: (record) => this.history.seen(record),
      labelOf: (port, protocol) => labelText(this.labels.at(port, protocol), protocol),
    })
    this.foregroundIntervalMs = this.poller.status.intervalMs
    this.stopper = new ProcessStopper(this.poller)
    this.containerStopper = new ContainerStopper(this.poller, this.containerSource)
    this.alerts = new AlertBatcher((batch) => {
      for (const listener of this.alertListeners) listener(batch)
    }, options.alertWindowMs)
    this.poller.onDelta((delta) => {
      this.history.observe(delta.added, Date.now())
      // The first delta is what was already listening at start: not news.
      if (this.baselineTaken) this.alerts.offer(delta.added, this.settings.get().alerts)
      this.baselineTaken = true
    })
    this.alwaysConnections = options.includeConnections === true
    this.applyConnectionSettings(this.settings.get())
    this.settings.onChange((settings) => {
      this.setIntervalMs(settings.pollIntervalMs)
      this.applyConnectionSettings(settings)
    })
    this.historyTimer = setInterval(() => this.saveHistory(), HISTORY_SAVE_INTERVAL_MS)
    this.historyTimer.unref()
  }

  /** Problems met while loading the user's files, each one sentence, for the UI to show once. */
  notices(): string[] {
    return [this.registryWarning, this.settings.notice, this.history.notice, this.labels.notice].filter((n): n is string => n !== null)
  }

  getSettings(): Settings {
    return this.settings.get()
  }

  onSettings(cb: (settings: Settings) => void): () => void {
    return this.settings.onChange(cb)
  }

  /** Validates and saves a settings change (throws InputError on a bad one). */
  updateSettings(patch: unknown): Settings {
    return this.settings.update(patch)
  }

  /** New listeners matching the user's alert rules, batched so a burst is one alert. */
  onAlert(cb: (batch: AlertBatch) => void): () => void {
    this.alertListeners.add(cb)
    return () => this.alertListeners.delete(cb)
  }

  /** The listed rows with these ids, serialised; ids no longer listed are skipped. */
  exportRows(rowIds: readonly string[], format: ExportFormat): { content: string; count: number; suggestedName: string } {
    const rows = rowIds.map((id) => this.poller.row(id)).filter((row) => row !== undefined)
    const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')
    return { content: exportRows(rows, format), count: rows.length, suggestedName: `portolan-listeners-${stamp}.${format}` }
  }

  /** http://localhost:PORT for a listed TCP listener, built here from the row, never from the page. */
  browserUrlFor(rowId: string): string {
    const row = this.poller.row(rowId)
    if (!row) throw new InputError('that listener is no longer listed')
    if (row.protocol !== 'tcp' || row.state !== 'LISTEN') throw new InputError('only TCP listeners can be opened in a browser')
    return localPortUrl(row.port)
  }

  /**
   * Starts the elevated helper behind the system's password prompt and collects through it; when the
   * helper fails later, the poller's collector falls back on its own (HelperSwitch) and says so.
   */
  async showAllOwners(): Promise<ShowAllOwnersOutcome> {
    if (this.collector.usingHelper) return { state: 'shown', message: 'Every owner is already shown, through the elevated helper.' }
    if (this.poller.status.privileged) return { state: 'shown', message: 'Portolan already runs with the rights to see every owner.' }
    this.cancelManualHelper?.()
    this.cancelManualHelper = null
    let program: HelperProgram
    try {
      program = this.helperProgram ?? nodeHelperProgram()
    } catch (error) {
      return { state: 'failed', message: `Cannot find the helper to start: ${errorMessage(error)}.` }
    }
    const outcome = await startElevatedHelper({ ...this.elevation, program })
    if (outcome.kind === 'failed') return { state: 'failed', message: outcome.message }
    if (outcome.kind === 'manual') {
      this.cancelManualHelper = outcome.cancel
      outcome.helper.then(
        (helper) => void this.useHelper(helper),
        (error: unknown) => console.error(`portolan: the helper command was not run: ${errorMessage(error)}`),
      )
      return { state: 'manual', message: outcome.message, command: outcome.commandLine }
    }
    await this.useHelper(outcome.helper)
    return this.collector.usingHelper
      ? { state: 'shown', message: 'Showing every owner, through the elevated helper.' }
      : { state: 'failed', message: this.collector.note ?? 'The elevated helper stopped at once; owners stay hidden.' }
  }

  private async useHelper(helper: HelperCollector): Promise<void> {
    this.cancelManualHelper = null
    this.collector.use(helper)
    this.poller.invalidate()
    await this.poller.pollNow()
  }

  setPaused(paused: boolean): void {
    if (paused) this.poller.pause()
    else this.poller.resume()
  }

  private saveHistory(): void {
    try {
      this.history.observe(this.poller.rows(), Date.now())
      this.history.save()
    } catch (error) {
      console.error('portolan: could not save listener history:', error)
    }
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

  /** Command line, user and start time of a story's holders; one cache for the life of the core. */
  private readonly processFacts = processFactsReader()

  story(port: number, protocol?: Protocol): Story {
    return tellStory({
      port,
      protocol: protocol ?? null,
      registry: this.registry,
      live: this.poller.rows(),
      ephemeral: ephemeralRange(),
      labels: this.labels.list(),
      processFacts: this.processFacts,
    })
  }

  registryInfo(): RegistryInfo {
    return this.registry.info()
  }

  /** Imports IANA's CSV or XML from a file or URL; on any failure the registry in use stays. */
  async updateRegistry(source: string): Promise<RegistryInfo> {
    this.registry = await updateRegistry(source, { current: this.registry, dir: this.dataDir })
    this.poller.invalidate()
    return this.registry.info()
  }

  portLabels(): PortLabel[] {
    return this.labels.list()
  }

  setPortLabel(label: unknown): PortLabel {
    const saved = this.labels.set(label)
    this.labelsChanged()
    return saved
  }

  removePortLabel(port: number, protocol: Protocol | null): boolean {
    const removed = this.labels.remove(port, protocol)
    if (removed) this.labelsChanged()
    return removed
  }

  /** Rows carry their port's label: rebuild them now, so the table shows the change without waiting a poll. */
  private labelsChanged(): void {
    this.poller.invalidate()
    if (this.poller.status.state !== 'paused') void this.poller.pollNow()
  }

  /** What the stop confirmation shows for a listed row's process, or why it cannot be stopped. */
  describeStopTarget(rowId: string): StopTargetAnswer {
    return this.stopper.describe(rowId)
  }

  /** describeStopTarget plus what stopping only the process leads to (unit, container, manager, group), for the dialog. */
  async describeStop(rowId: string): Promise<StopTargetAnswer> {
    const answer = this.stopper.describe(rowId)
    if (!answer.ok) return answer
    const { target } = answer
    const advice = await adviseStop({
      pid: target.pid,
      name: target.name,
      provenance: target.provenance,
      protect: PORTOLAN_PIDS,
      canStopContainer: this.containerSource?.stopContainer !== undefined,
    })
    if (advice.container) this.containerStopper.confirm(rowId, advice.container.id)
    return { ok: true, target: { ...target, advice } }
  }

  /** Stops what was confirmed through describeStop(rowId): the process, its group or its container; then re-scans and says what holds its ports. */
  stopProcess(rowId: string, options: StopOptions): Promise<StopOutcome> {
    return options.scope === 'container' ? this.containerStopper.stop(rowId) : this.stopper.stop(rowId, options)
  }

  /** Hidden windows still get a slow background poll, so later features (alerts, history) keep working. */
  setVisible(visible: boolean): void {
    this.visible = visible
    this.applyInterval()
  }

  setIntervalMs(ms: number): void {
    this.foregroundIntervalMs = ms
    this.applyInterval()
  }

  private applyInterval(): void {
    this.poller.setIntervalMs(this.visible ? this.foregroundIntervalMs : this.foregroundIntervalMs * BACKGROUND_INTERVAL_FACTOR)
  }

  /** Connections are collected while the page shows them (the view, or the listeners' count column); names looked up only when asked. */
  private applyConnectionSettings(settings: Settings): void {
    this.poller.setIncludeConnections(this.alwaysConnections || wantsConnections(settings))
    const wantDns = settings.reverseDns === true
    if (wantDns && !this.reverseDns) {
      const dns = new ReverseDns({ onAnswer: () => this.poller.invalidate() })
      this.reverseDns = dns
      this.poller.setHostLookup((address) => dns.hostOf(address))
    } else if (!wantDns && this.reverseDns) {
      this.reverseDns.close()
      this.reverseDns = null
      this.poller.setHostLookup(null)
    }
  }

  async close(): Promise<void> {
    this.reverseDns?.close()
    this.cancelManualHelper?.()
    clearInterval(this.historyTimer)
    this.alerts.dispose()
    await this.poller.close()
    this.saveHistory()
  }
}
