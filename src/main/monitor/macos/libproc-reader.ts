import type { SocketRecord } from '../collector'
import type { ProcessDetails } from '../linux/process-details'
import type { CollectionReader } from '../worker-collector'
import { Libproc } from './libproc'
import { parseSocketFdInfo, PROX_FDTYPE_SOCKET, type LibprocSocket } from './libproc-layout'
import { LaunchdJobs } from './launchctl'
import { MacProvenanceCache } from './macos-provenance'
import type { ProvenanceEntry } from '../../../shared/provenance'

function isListener(s: LibprocSocket): boolean {
  return s.remotePort === null
}

/** What the status says when some processes could not be inspected. */
export function hiddenProcessesNote(denied: number): string | null {
  if (denied === 0) return null
  const processes = denied === 1 ? '1 process' : `${denied} processes`
  return `${processes} of other users could not be inspected without root, so their sockets are not listed; run Portolan with sudo to see them.`
}

/** What the status says when launchctl would not list jobs. */
export function launchdNote(error: string | null): string | null {
  return error === null ? null : `launchctl would not list launchd's jobs (${error}), so rows do not say which job runs them.`
}

/**
 * The synchronous half of the macOS collector: every process's socket fds through libproc, as lsof
 * reads them. macOS lets a process inspect only its own user's processes unless it runs as root.
 */
export class LibprocReader implements CollectionReader {
  note: string | null = null
  private readonly libproc = new Libproc()
  private readonly details = new Map<string, ProcessDetails>()
  private previousKey: string | null = null
  private previous: { records: SocketRecord[]; processes: ProcessDetails[]; provenance: ProvenanceEntry[] } | null = null
  private readonly provenance: MacProvenanceCache

  constructor(jobs: LaunchdJobs = new LaunchdJobs()) {
    this.provenance = new MacProvenanceCache(jobs, (pid) => {
      const bsd = this.libproc.bsdInfo(pid)
      if (bsd) return { pid, parentPid: bsd.parentPid, name: bsd.name, startTime: bsd.startTime }
      // Another user's process does not open without root; pid 1 is launchd on every macOS, started at boot.
      return pid === 1 ? { pid, parentPid: 0, name: 'launchd', startTime: 0 } : null
    })
  }

  collect(includeConnections: boolean): { records: SocketRecord[]; processes: ProcessDetails[]; unchanged: boolean; provenance: ProvenanceEntry[] } {
    const records: SocketRecord[] = []
    const owners = new Map<number, ProcessDetails>()
    let denied = 0
    for (const pid of this.libproc.listPids()) {
      const fds = this.libproc.socketFds(pid, PROX_FDTYPE_SOCKET)
      if (fds === 'denied') denied++
      if (typeof fds === 'string' || fds.length === 0) continue
      let owner: ProcessDetails | null | undefined
      for (const fd of fds) {
        const info = this.libproc.socketInfo(pid, fd)
        const socket = info ? parseSocketFdInfo(info) : null
        if (!socket || (!includeConnections && !isListener(socket))) continue
        owner ??= this.owner(pid)
        if (owner) owners.set(pid, owner)
        records.push({ ...socket, pid, process: owner?.name ?? null, uid: owner?.uid ?? null })
      }
    }
    this.retain(owners)
    const processes = [...owners.values()]
    // Read once per owner (pid and start time); launchctl runs only when a new owner appears.
    const provenance = this.provenance.entries(processes)
    this.note = [hiddenProcessesNote(denied), launchdNote(this.provenance.jobsError)].filter((n) => n !== null).join(' ') || null
    const key = JSON.stringify(records)
    if (key === this.previousKey && this.previous) return { ...this.previous, unchanged: true }
    this.previousKey = key
    this.previous = { records, processes, provenance }
    return { records, processes, unchanged: false, provenance }
  }

  /** Name, uid and start time (proc_bsdinfo), and the path, read once per (pid, start time). */
  private owner(pid: number): ProcessDetails | null {
    const bsd = this.libproc.bsdInfo(pid)
    if (!bsd) return null
    const key = `${pid}:${bsd.startTime}`
    let details = this.details.get(key)
    if (!details) {
      details = { pid, name: bsd.name, executable: this.libproc.executable(pid), commandLine: null, uid: bsd.uid, user: null, startTime: bsd.startTime }
      this.details.set(key, details)
    }
    return details
  }

  private retain(owners: ReadonlyMap<number, ProcessDetails>): void {
    for (const [key, details] of this.details) if (owners.get(details.pid) !== details) this.details.delete(key)
  }
}
