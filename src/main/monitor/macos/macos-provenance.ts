// Where a macOS socket owner comes from: the launchd job it (or a parent) runs as, from launchctl, and its
// parents from libproc (proc_bsdinfo's pbi_ppid) up to what started it. The working directory and project
// are not read (libproc's PROC_PIDVNODEPATHINFO could give the cwd; not done yet), so they stay null.
import type { ChainLink, Provenance, ProvenanceEntry, ServiceOrigin, SupervisorKind } from '../../../shared/provenance'
import { walkParents, type ParentChain } from '../parent-walk'
import type { ProcessDetails } from '../linux/process-details'
import { classifySupervisor } from '../linux/provenance/supervisors'
import type { LaunchdJobs } from './launchctl'

/** What libproc says of a process: enough to walk up. */
export interface MacProcess {
  pid: number
  parentPid: number
  name: string
  /** Epoch ms. */
  startTime: number
}

// macOS programs by their process name (pbi_name, or pbi_comm when that is empty); the rest is Linux's list.
const MAC_NAMES: ReadonlyMap<string, SupervisorKind> = new Map<string, SupervisorKind>([
  ['launchd', 'service-manager'],
  ['Terminal', 'terminal'],
  ['iTerm2', 'terminal'],
  ['Warp', 'terminal'],
  ['WezTerm', 'terminal'],
  ['Ghostty', 'terminal'],
  ['Code Helper', 'ide'],
  ['Code Helper (Plugin)', 'ide'],
  ['Electron', 'ide'],
  ['Cursor Helper', 'ide'],
  ['Cursor Helper (Plugin)', 'ide'],
])

function classify(name: string): { kind: SupervisorKind; name: string } | null {
  const kind = MAC_NAMES.get(name)
  return kind ? { kind, name } : classifySupervisor(name, null)
}

/**
 * Parents from `pid` up to the first terminal, IDE, multiplexer, process manager or launchd itself,
 * walking past shells (the nearest one is named when nothing stronger is found). A parent that started
 * after its child is a reused pid: the chain stops there.
 */
export function macParentChain(pid: number, processOf: (pid: number) => MacProcess | null): ParentChain {
  const self = processOf(pid)
  const selfLink = { pid, name: self?.name ?? `pid ${pid}` }
  if (!self) return { chain: [selfLink], supervisor: null }
  return walkParents(self, selfLink, {
    pidOf: (p) => p.pid,
    parentOf: (child) => {
      if (child.parentPid <= 0 || child.parentPid === child.pid) return null
      const parent = processOf(child.parentPid)
      return parent && parent.startTime <= child.startTime ? parent : null
    },
    classify: (parent) => classify(parent.name),
    nameOf: (parent) => parent.name,
    isWeak: (kind) => kind === 'shell',
  })
}

/**
 * The chain link whose launchd job the process runs as: itself, or its direct parent when that is a job's
 * own wrapper (a shell script the job runs), not a terminal, shell or IDE the user started it from. Apps
 * opened from the Finder or the Dock are jobs too ("application.<bundle id>.…"), but a process started in
 * them is not that job: stopping the job would quit the app.
 */
export function launchdHost(chain: readonly ChainLink[], byPid: ReadonlyMap<number, string>): ChainLink | null {
  const isJob = (link: ChainLink | undefined): link is ChainLink => {
    const label = link ? byPid.get(link.pid) : undefined
    return label !== undefined && !label.startsWith('application.')
  }
  const [self, parent] = chain
  if (isJob(self)) return self
  if (isJob(parent) && classify(parent.name) === null) return parent
  return null
}

/** Provenance read once per process (pid and start time); launchctl is asked only when a new owner appears. */
export class MacProvenanceCache {
  private byKey = new Map<string, Provenance>()
  /** Why launchctl could not list jobs last time; null when it could. */
  jobsError: string | null = null

  constructor(private readonly jobs: LaunchdJobs, private readonly processOf: (pid: number) => MacProcess | null) {}

  entries(owners: readonly ProcessDetails[]): ProvenanceEntry[] {
    const keyOf = (d: ProcessDetails): string => `${d.pid}:${d.startTime ?? 'unknown'}`
    const missing = owners.filter((d) => !this.byKey.has(keyOf(d)))
    let byPid: Map<number, string> | null = null
    if (missing.length > 0) {
      try {
        byPid = this.jobs.byPid()
        this.jobsError = null
      } catch (error) {
        this.jobsError = error instanceof Error ? error.message : String(error)
      }
    }
    const origins = new Map<string, ServiceOrigin>()
    const keep = new Map<string, Provenance>()
    const entries: ProvenanceEntry[] = []
    for (const owner of owners) {
      const key = keyOf(owner)
      let provenance = this.byKey.get(key)
      if (!provenance) {
        provenance = this.read(owner.pid, byPid, origins)
        // Without launchctl's list, read again next time rather than keep it lacking the job.
        if (byPid) keep.set(key, provenance)
      } else {
        keep.set(key, provenance)
      }
      entries.push({ pid: owner.pid, provenance })
    }
    this.byKey = keep
    return entries
  }

  private read(pid: number, byPid: ReadonlyMap<number, string> | null, origins: Map<string, ServiceOrigin>): Provenance {
    const { chain, supervisor } = macParentChain(pid, this.processOf)
    let services: ServiceOrigin[] | undefined
    if (byPid) {
      const host = launchdHost(chain, byPid)
      const label = host ? byPid.get(host.pid) : undefined
      if (host && label) {
        const origin = origins.get(label) ?? this.jobs.origin(label, host.pid)
        origins.set(label, origin)
        services = [origin]
      } else {
        services = []
      }
    }
    return {
      unit: null, container: null, app: null, chain, supervisor, processGroup: null, session: null, cwd: null, project: null,
      ...(services ? { services } : {}),
    }
  }
}
