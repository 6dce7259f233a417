import { readFileSync, readlinkSync } from 'node:fs'
import type { Provenance } from '../../../../shared/provenance'
import { parseCgroup } from './cgroup'
import { parentChain } from './parent-chain'
import { readStatFields } from '../proc-stat'
import { readCommandLine } from '../process-details'
import { findProject } from './project'

function readCgroup(procRoot: string, pid: number): string | null {
  try {
    return readFileSync(`${procRoot}/${pid}/cgroup`, 'utf8')
  } catch {
    return null
  }
}

function readCwd(procRoot: string, pid: number): string | null {
  try {
    const cwd = readlinkSync(`${procRoot}/${pid}/cwd`)
    // A deleted directory reads "/old/path (deleted)"; a process in another mount namespace may read anything.
    return cwd.startsWith('/') && !cwd.endsWith(' (deleted)') ? cwd : null
  } catch {
    return null
  }
}

/**
 * Where a process comes from, read from /proc: cgroup (unit, container, app scope), parents up to its
 * supervisor, working directory and project. Null when the process is gone. Container names are joined
 * later, by whoever asks the engine.
 */
export function readProvenance(procRoot: string, pid: number): Provenance | null {
  const stat = readStatFields(procRoot, pid)
  if (!stat) return null
  const cgroup = readCgroup(procRoot, pid)
  const origin = cgroup === null ? { unit: null, container: null, app: null } : parseCgroup(cgroup)
  const { chain, supervisor } = parentChain(procRoot, pid, stat, readCommandLine(procRoot, pid))
  const cwd = readCwd(procRoot, pid)
  return {
    unit: origin.unit,
    container: origin.container ? { ...origin.container, name: null, image: null } : null,
    app: origin.app,
    chain,
    supervisor,
    processGroup: stat.processGroup,
    session: stat.session,
    cwd,
    project: cwd === null ? null : findProject(cwd),
  }
}

/** Provenance read once per process (pid and start time), never again while it lives. */
export class ProvenanceCache {
  private byKey = new Map<string, Provenance | null>()

  constructor(private readonly procRoot = '/proc') {}

  get(pid: number, startKey: number | string): Provenance | null {
    const key = `${pid}:${startKey}`
    let found = this.byKey.get(key)
    if (found === undefined) {
      found = readProvenance(this.procRoot, pid)
      this.byKey.set(key, found)
    }
    return found
  }

  /** Forgets every process whose key is not among `keep` (pid → start key). */
  retain(keep: ReadonlyMap<number, number | string>): void {
    for (const key of this.byKey.keys()) {
      const pid = Number(key.slice(0, key.indexOf(':')))
      if (`${pid}:${keep.get(pid)}` !== key) this.byKey.delete(key)
    }
  }
}
