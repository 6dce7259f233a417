import type { Family, Protocol } from '../../../shared/row'
import type { SocketRecord } from '../collector'
import type { ProcessDetails } from '../linux/process-details'
import type { CollectionReader } from '../worker-collector'
import { IpHelperTables } from './ip-helper'
import { parseTable, type IpHelperSocket } from './ip-helper-tables'
import { joinOwners } from './owner-join'
import { snapshotProcesses, WindowsProcessCache } from './windows-processes'
import { WindowsProvenanceCache } from './windows-provenance'
import { serviceApi, win32, type ServiceApi, type Win32 } from './win32'
import type { ProvenanceEntry } from '../../../shared/provenance'

const TABLES: ReadonlyArray<{ protocol: Protocol; family: Family }> = [
  { protocol: 'tcp', family: 4 }, { protocol: 'tcp', family: 6 }, { protocol: 'udp', family: 4 }, { protocol: 'udp', family: 6 },
]

interface Previous {
  includeConnections: boolean
  tables: Buffer
  records: SocketRecord[]
  processes: ProcessDetails[]
  provenance: ProvenanceEntry[]
}

/** What the status says when some owners would not open: Windows names them, but hides their path and user. */
export function elevatedOwnersNote(count: number): string | null {
  if (count === 0) return null
  const owners = count === 1 ? '1 socket owner runs' : `${count} socket owners run`
  return `${owners} elevated, as a service or as another user: Windows names them but shows their path and user only to an administrator (run Portolan as administrator to see them).`
}

/** What the status says when the service control manager would not list services. */
export function servicesNote(error: string | null): string | null {
  return error === null ? null : `Windows would not list its services (${error}), so rows do not say which service runs them.`
}

/**
 * The synchronous half of the Windows collector: the four IP Helper tables, then owners from a process
 * snapshot. Meant for a worker thread; it blocks while it works.
 */
export class IpHelperReader implements CollectionReader {
  note: string | null = null
  private readonly tables: IpHelperTables
  private readonly processes: WindowsProcessCache
  private readonly provenance: WindowsProvenanceCache
  private previous: Previous | null = null

  constructor(private readonly api: Win32 = win32(), services: () => ServiceApi = serviceApi) {
    this.tables = new IpHelperTables(api)
    this.processes = new WindowsProcessCache(api)
    this.provenance = new WindowsProvenanceCache(api, services)
  }

  /** The four tables, parsed, and their bytes (to compare polls). */
  dump(includeConnections: boolean): { sockets: IpHelperSocket[]; bytes: Buffer } {
    const raw = TABLES.map((t) => ({ ...t, bytes: this.tables.read(t.protocol, t.family, includeConnections) }))
    return {
      sockets: raw.flatMap((t) => parseTable(t.protocol, t.family, t.bytes)),
      bytes: Buffer.concat(raw.map((t) => t.bytes)),
    }
  }

  collect(includeConnections: boolean): { records: SocketRecord[]; processes: ProcessDetails[]; unchanged: boolean; provenance: ProvenanceEntry[] } {
    const { sockets, bytes } = this.dump(includeConnections)
    // The same rows with the same owning pids: an owner that exited would have closed its sockets.
    const previous = this.previous
    if (previous?.includeConnections === includeConnections && previous.tables.equals(bytes)) {
      return { records: previous.records, processes: previous.processes, unchanged: true, provenance: previous.provenance }
    }
    const snapshot = snapshotProcesses(this.api)
    const owners = new Set(sockets.map((s) => s.owningPid).filter((pid) => pid !== 0))
    const processes = [...this.processes.details(owners, snapshot).values()]
    // Read once per owner (pid and creation time); the SCM is asked only when a new owner appears.
    const provenance = this.provenance.entries(processes, snapshot)
    const notes = [elevatedOwnersNote(processes.filter((p) => p.executable === null).length), servicesNote(this.provenance.serviceError)]
    this.note = notes.filter((n) => n !== null).join(' ') || null
    const records = joinOwners(sockets, snapshot)
    this.previous = { includeConnections, tables: bytes, records, processes, provenance }
    return { records, processes, unchanged: false, provenance }
  }
}
