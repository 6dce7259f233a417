// Where a Windows socket owner comes from: the services it (or the service wrapper that runs it) hosts, and its
// parents up to what started it. Windows does not give another process's working directory or command
// line without reading its memory, so cwd and project stay null (unknown), never guessed.
import type { ChainLink, Provenance, ProvenanceEntry, ServiceOrigin } from '../../../shared/provenance'
import type { ProcessDetails } from '../linux/process-details'
import type { ServiceStatusEntry } from './service-layout'
import { ServiceManager } from './services'
import { classifyWindowsLauncher, windowsParentChain } from './windows-parent-chain'
import { openProcess, type SnapshotProcess } from './windows-processes'
import type { ServiceApi, Win32 } from './win32'

/**
 * The services a process runs as: its own, else its direct parent's when that parent is a service wrapper
 * (nssm, winsw) that runs it. Any other parent hosting a service (sshd's session, the task scheduler's
 * svchost) merely started it: the listener is not that service, and stopping the service would be wrong.
 */
export function hostedServices(chain: readonly ChainLink[], byPid: ReadonlyMap<number, readonly ServiceStatusEntry[]>): { entries: readonly ServiceStatusEntry[] } | null {
  const [self, parent] = chain
  const own = self ? byPid.get(self.pid) : undefined
  if (own && own.length > 0) return { entries: own }
  const wrapped = parent && classifyWindowsLauncher(parent.name) === 'process-manager' ? byPid.get(parent.pid) : undefined
  return wrapped && wrapped.length > 0 ? { entries: wrapped } : null
}

/** One process's provenance from a snapshot, creation times and the services by pid. */
export function windowsProvenance(
  pid: number,
  snapshot: ReadonlyMap<number, SnapshotProcess>,
  creationOf: (pid: number) => bigint | null,
  services: { byPid: ReadonlyMap<number, readonly ServiceStatusEntry[]>; origin: (entry: ServiceStatusEntry) => ServiceOrigin } | null,
): Provenance {
  const { chain, supervisor } = windowsParentChain(pid, snapshot, creationOf)
  const hosted = services ? hostedServices(chain, services.byPid) : null
  return {
    unit: null,
    container: null,
    app: null,
    chain,
    supervisor,
    processGroup: null,
    session: null,
    cwd: null,
    project: null,
    ...(services ? { services: hosted ? hosted.entries.map((e) => services.origin(e)) : [] } : {}),
  }
}

/**
 * Provenance read once per process (pid and creation time, or pid and name when it does not open) and
 * kept while it lives; the SCM is asked only when an owner not seen before appears.
 */
export class WindowsProvenanceCache {
  private byKey = new Map<string, Provenance>()
  /** Why the services could not be listed last time, for the status; null when they were. */
  serviceError: string | null = null

  constructor(private readonly api: Win32, private readonly services: () => ServiceApi) {}

  entries(owners: readonly ProcessDetails[], snapshot: ReadonlyMap<number, SnapshotProcess>): ProvenanceEntry[] {
    const keyOf = (d: ProcessDetails): string => `${d.pid}:${d.startTime ?? `name:${d.name}`}`
    const missing = owners.filter((d) => !this.byKey.has(keyOf(d)))
    const fresh = missing.length > 0 ? this.read(missing, snapshot) : null
    const keep = new Map<string, Provenance>()
    const entries: ProvenanceEntry[] = []
    for (const owner of owners) {
      const key = keyOf(owner)
      const provenance = this.byKey.get(key) ?? fresh?.provenance.get(owner.pid)
      if (!provenance) continue
      // Without the services, it is read again next time rather than kept lacking them.
      if (this.byKey.has(key) || fresh?.complete) keep.set(key, provenance)
      entries.push({ pid: owner.pid, provenance })
    }
    this.byKey = keep
    return entries
  }

  private read(owners: readonly ProcessDetails[], snapshot: ReadonlyMap<number, SnapshotProcess>): { provenance: Map<number, Provenance>; complete: boolean } {
    const creations = new Map<number, bigint | null>()
    const creationOf = (pid: number): bigint | null => {
      if (!creations.has(pid)) creations.set(pid, openProcess(this.api, pid, false).creationTicks)
      return creations.get(pid) ?? null
    }
    let manager: ServiceManager | null = null
    let byPid: Map<number, ServiceStatusEntry[]> | null = null
    try {
      manager = new ServiceManager(this.services())
      byPid = manager.servicesByPid()
      this.serviceError = null
    } catch (error) {
      this.serviceError = error instanceof Error ? error.message : String(error)
    }
    try {
      const origins = new Map<string, ServiceOrigin>()
      const live = manager
      const services = live && byPid ? {
        byPid,
        origin: (entry: ServiceStatusEntry): ServiceOrigin => {
          let origin = origins.get(entry.name)
          if (!origin) origins.set(entry.name, (origin = live.origin(entry)))
          return origin
        },
      } : null
      const provenance = new Map(owners.map((owner) => [owner.pid, windowsProvenance(owner.pid, snapshot, creationOf, services)]))
      return { provenance, complete: services !== null }
    } finally {
      manager?.close()
    }
  }
}
