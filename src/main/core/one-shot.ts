import type { MonitorStatus, Row } from '../../shared/row'
import type { Collector } from '../monitor/collector'
import type { ContainerSource } from '../monitor/containers/source'
import { InlineSockDiagCollector } from '../monitor/linux/inline-sock-diag-collector'
import { FallbackCollector, selectCollector } from '../monitor/select-collector'
import { SystemInformationCollector } from '../monitor/si-collector'
import { existsSync, readFileSync } from 'node:fs'
import { CompiledLookup, type CompiledLookupData } from '../registry/compiled-lookup'
import type { ServiceLookup } from '../registry/lookup'
import { loadActiveRegistry, userRegistryPath } from '../registry/store'
import { dataDir as defaultDataDir } from '../storage/data-dir'
import { createMonitor } from './monitor'

export interface OneShotOptions {
  includeConnections?: boolean
  dataDir?: string
  collector?: Collector
  /** Names containers behind published ports; Docker's default socket when omitted, none when null. */
  containers?: ContainerSource | null
  /** The bundled registry compiled for lookups (out/cli/port-names.json), used unless the user imported one. */
  compiledLookupFile?: string
}

export interface OneShot {
  rows: Row[]
  status: MonitorStatus
  /** Why the collection failed (one sentence), or null. */
  error: string | null
  /** Why the user's imported registry was not used, when it could not be read. */
  registryWarning: string | null
}

/** One collection on this thread where the platform allows it: a one-shot command needs no worker. */
function oneShotCollector(platform: NodeJS.Platform = process.platform): Collector {
  if (platform !== 'linux') return selectCollector(platform).collector
  return new FallbackCollector(new InlineSockDiagCollector(), () => new SystemInformationCollector(platform))
}

function serviceLookup(dir: string, compiledFile: string | undefined): { lookup: ServiceLookup; warning: string | null } {
  if (compiledFile && existsSync(compiledFile) && !existsSync(userRegistryPath(dir))) {
    return { lookup: new CompiledLookup(JSON.parse(readFileSync(compiledFile, 'utf8')) as CompiledLookupData), warning: null }
  }
  const active = loadActiveRegistry(dir)
  return { lookup: active.registry, warning: active.warning }
}

/**
 * What `portolan list` needs and nothing more: one poll joined to the registry in use, with containers named.
 * It reads the data directory (an imported registry) but writes nothing: no settings, labels or history.
 */
export async function collectOnce(options: OneShotOptions = {}): Promise<OneShot> {
  const registry = serviceLookup(options.dataDir ?? defaultDataDir(), options.compiledLookupFile)
  const poller = createMonitor({
    collector: options.collector ?? oneShotCollector(),
    registry: registry.lookup,
    includeConnections: options.includeConnections,
    containers: options.containers,
  })
  try {
    const poll = await poller.pollNow()
    return { rows: poller.rows(), status: poller.status, error: poll.ok ? null : poll.error, registryWarning: registry.warning }
  } finally {
    await poller.close()
  }
}
