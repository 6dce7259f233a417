import type { Collector } from '../monitor/collector'
import { DockerContainerSource } from '../monitor/containers/docker-source'
import type { ContainerSource } from '../monitor/containers/source'
import type { HistoryOf } from '../monitor/diff'
import { Poller } from '../monitor/poller'
import { selectCollector } from '../monitor/select-collector'
import type { ServiceLookup } from '../registry/lookup'
import type { Protocol } from '../../shared/row'

export interface MonitorOptions {
  /** The platform's collector when omitted. */
  collector?: Collector
  registry: ServiceLookup
  intervalMs?: number
  timeoutMs?: number
  includeConnections?: boolean
  /** Names containers behind published ports; Docker's default socket when omitted, none when null. */
  containers?: ContainerSource | null
  /** Measure activity per row (connections, accept queue, bytes, RTT). */
  activity?: boolean
  history?: HistoryOf
  labelOf?: (port: number, protocol: Protocol) => string | null
}

/** The poller over this platform's collector, joined to the registry and (by default) Docker. */
export function createMonitor(options: MonitorOptions): Poller {
  return new Poller({
    collector: options.collector ?? selectCollector().collector,
    registry: options.registry,
    intervalMs: options.intervalMs,
    timeoutMs: options.timeoutMs,
    includeConnections: options.includeConnections,
    privileged: typeof process.getuid === 'function' && process.getuid() === 0,
    containers: options.containers === undefined ? new DockerContainerSource() : (options.containers ?? undefined),
    activity: options.activity,
    history: options.history,
    labelOf: options.labelOf,
  })
}
