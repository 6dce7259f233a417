import { join } from 'node:path'
import type { Protocol } from '../../shared/row'
import type { Story } from '../../shared/story'
import type { Collector } from '../monitor/collector'
import { DockerContainerSource } from '../monitor/containers/docker-source'
import type { ContainerSource } from '../monitor/containers/source'
import { HelperSwitch } from '../monitor/helper-switch'
import type { Poller } from '../monitor/poller'
import { selectCollector } from '../monitor/select-collector'
import { LabelStore } from '../registry/labels'
import type { Registry } from '../registry/model'
import { dataDir as defaultDataDir } from '../storage/data-dir'
import { AlertWatch } from './alerts'
import { ConnectionSettings } from './connection-settings'
import { HistoryRecorder, ListenerHistory } from './history'
import { tellLiveStory } from './live-story'
import { createMonitor } from './monitor'
import { PollPace } from './poll-pace'
import { processFactsReader } from './process-facts'
import { RegistryService } from './registry-service'
import { RowExport } from './row-export'
import { relabelRowsOnChange, rowLabelOf } from './row-labels'
import { SettingsStore } from './settings-store'
import { ShowAllOwners, type ShowAllOwnersOptions } from './show-all-owners'
import { ProcessStopper } from './stop-process'
import { StopService } from './stop-service'

// The composition: which services each host builds. The app (Electron, the web preview, and the tests
// that drive them) builds them all; each command line builds only what it needs, and the read-only
// ones write nothing to the data directory. `portolan list`, which polls once, has its own leaner
// composition in one-shot.ts (no worker, the compiled lookup).

export interface AppOptions extends ShowAllOwnersOptions {
  collector?: Collector
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
}

/** The monitor and the services around it, as the app's window uses them. */
export interface PortolanApp {
  readonly monitor: Poller
  readonly registry: RegistryService
  readonly labels: LabelStore
  readonly settings: SettingsStore
  readonly alerts: AlertWatch
  readonly stopper: ProcessStopper
  /** The stop dialog's service: the process stopper plus advice, process groups and containers. */
  readonly stops: StopService
  readonly rowExport: RowExport
  readonly pace: PollPace
  readonly owners: ShowAllOwners
  story(port: number, protocol?: Protocol): Story
  /** Problems met while loading the user's files, each one sentence, for the UI to show once. */
  notices(): string[]
  start(): void
  close(): Promise<void>
}

export function composeApp(options: AppOptions = {}): PortolanApp {
  const dir = options.dataDir ?? defaultDataDir()
  const registry = new RegistryService(dir, options.registry)
  const labels = new LabelStore(join(dir, 'labels.json'))
  const settings = new SettingsStore(dir)
  const history = new ListenerHistory(dir)
  // The platform's collector, or the elevated helper while "Show all owners" is on.
  const collector = new HelperSwitch(options.collector ?? selectCollector().collector)
  const containers = options.containers === undefined ? new DockerContainerSource() : options.containers
  const monitor = createMonitor({
    collector,
    registry: registry.lookup,
    intervalMs: options.intervalMs ?? settings.get().pollIntervalMs,
    timeoutMs: options.timeoutMs,
    includeConnections: options.includeConnections,
    // On: measured in the worker, it costs about what the kernel's own dump of the connections with tcp_info costs (npm run bench -- activity).
    activity: options.activity ?? true,
    containers,
    history: (row) => history.seen(row),
    labelOf: rowLabelOf(labels),
  })
  registry.onUpdate(() => monitor.invalidate())
  const offLabels = relabelRowsOnChange(labels, monitor)
  const connections = new ConnectionSettings(monitor, settings, options.includeConnections === true)
  const recorder = new HistoryRecorder(history, monitor)
  const alerts = new AlertWatch({ monitor, settings }, options.alertWindowMs)
  const pace = new PollPace(monitor, settings)
  const owners = new ShowAllOwners(collector, monitor, options)
  // Command line, user and start time of a story's holders; one cache for the life of the app.
  const processFacts = processFactsReader()
  const stopper = new ProcessStopper(monitor)
  return {
    monitor,
    registry,
    labels,
    settings,
    alerts,
    stopper,
    stops: new StopService(stopper, monitor, containers),
    rowExport: new RowExport(monitor),
    pace,
    owners,
    story: (port, protocol) => tellLiveStory(port, protocol, { registry, monitor, labels, processFacts }),
    notices: () => [registry.warning, settings.notice, history.notice, labels.notice].filter((n): n is string => n !== null),
    start: () => monitor.start(),
    close: async () => {
      owners.dispose()
      alerts.dispose()
      pace.dispose()
      connections.dispose()
      offLabels()
      await monitor.close()
      recorder.close()
    },
  }
}

export interface CliOptions {
  includeConnections?: boolean
  /** The data directory to read; defaults to dataDir(). */
  dataDir?: string
  collector?: Collector
  containers?: ContainerSource | null
}

/** A monitor joined to the user's registry, dated by the listener history it reads but never writes. */
export interface CliMonitor {
  readonly monitor: Poller
  readonly registry: RegistryService
  /** Problems met while loading the user's files, each one sentence. */
  notices: () => string[]
  close: () => Promise<void>
}

function readingMonitor(options: CliOptions): CliMonitor & { history: ListenerHistory; labels: LabelStore } {
  const dir = options.dataDir ?? defaultDataDir()
  const registry = new RegistryService(dir)
  const history = new ListenerHistory(dir)
  // The saved settings (their poll interval), read so that a damaged settings.json is said, as the app says it.
  const settings = new SettingsStore(dir)
  const labels = new LabelStore(join(dir, 'labels.json'))
  const monitor = createMonitor({
    collector: options.collector,
    registry: registry.lookup,
    intervalMs: settings.get().pollIntervalMs,
    includeConnections: options.includeConnections,
    containers: options.containers,
    activity: true,
    history: (row) => history.seen(row),
    labelOf: rowLabelOf(labels),
  })
  // The saved view (Connections) and reverse DNS setting apply here as in the app.
  const connections = new ConnectionSettings(monitor, settings, options.includeConnections === true)
  const notices = (): string[] => [registry.warning, settings.notice, history.notice, labels.notice].filter((n): n is string => n !== null)
  const close = async (): Promise<void> => {
    connections.dispose()
    await monitor.close()
  }
  return { monitor, registry, history, labels, notices, close }
}

/** `portolan story`: the registry, the user's labels and the live sockets; writes nothing. */
export function composeStory(options: CliOptions = {}): CliMonitor & { story(port: number, protocol?: Protocol): Story } {
  const { monitor, registry, labels, notices, close } = readingMonitor(options)
  const processFacts = processFactsReader()
  return {
    monitor,
    registry,
    close,
    notices,
    story: (port, protocol) => tellLiveStory(port, protocol, { registry, monitor, labels, processFacts }),
  }
}

/** `portolan watch`: runs like the app's monitor, so it keeps the listener history as the app does. */
export function composeWatch(options: CliOptions = {}): CliMonitor {
  const { monitor, registry, history, notices, close } = readingMonitor(options)
  const recorder = new HistoryRecorder(history, monitor)
  return {
    monitor,
    registry,
    notices,
    close: async () => {
      await close()
      recorder.close()
    },
  }
}
