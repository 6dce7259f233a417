import type { Protocol } from '../../../shared/row'
import type { SocketRecord } from '../collector'
import { AF_INET, AF_INET6, ALL_STATES, IPPROTO_TCP, IPPROTO_UDP, NetlinkReplyError, TCP_LISTEN, UDP_UNCONNECTED, type DiagSocket, type RecordVisitor } from './netlink-messages'
import { dumpFingerprint } from './dump-fingerprint'
import { SockDiagSocket } from './netlink-socket'
import type { ProcessDetails } from './process-details'
import { ProvenanceCache } from './provenance/provenance-cache'
import type { ProvenanceEntry } from '../../../shared/provenance'
import type { ActivitySample } from '../../../shared/activity'
import { ActivityTracker, OPEN_CONNECTION_STATES, type ConnectionScan } from './activity/activity-tracker'
import { INFO_EXT } from './activity/tcp-info'
import { ListenerPortFilter } from './activity/listener-port-filter'
import { rowId } from '../rows'
import { isListenerState, stateName } from './proc-net'
import { SocketOwners } from './socket-owners'
import { InterfaceNames, scopedAddress } from './interface-names'

const FAMILIES = [AF_INET, AF_INET6]
const EINVAL = 22
const PROTOCOLS: ReadonlyArray<{ code: number; name: Protocol; listenerStates: number }> = [
  { code: IPPROTO_TCP, name: 'tcp', listenerStates: 1 << TCP_LISTEN },
  { code: IPPROTO_UDP, name: 'udp', listenerStates: 1 << UDP_UNCONNECTED },
]

/** TCP and UDP over IPv4 and IPv6; listeners only unless connections are asked for, filtered in the kernel. */
export function dumpAll(socket: SockDiagSocket, includeConnections: boolean, rawReplies?: Buffer[]): DiagSocket[] {
  const sockets: DiagSocket[] = []
  for (const protocol of PROTOCOLS) {
    const states = includeConnections ? ALL_STATES : protocol.listenerStates
    for (const family of FAMILIES) sockets.push(...socket.dump(family, protocol.code, protocol.name, states, rawReplies))
  }
  return sockets
}

export interface SockDiagResult {
  records: SocketRecord[]
  /** Details of every process that owns one of the records. */
  processes: ProcessDetails[]
  /** True when the records are the previous collection's, unchanged (same sockets, same owners). */
  unchanged: boolean
  /** Where each owner comes from (read once per process); only with records that changed. */
  provenance?: ProvenanceEntry[]
  /** Per-row activity when it was asked for and changed since the last collection; absent when unchanged. */
  activity?: ActivitySample[]
}

export type { ProvenanceEntry } from '../../../shared/provenance'

interface PreviousCollection {
  includeConnections: boolean
  fingerprint: Buffer
  result: SockDiagResult
}

/**
 * The synchronous half of the Linux collector: one netlink socket and the owner cache, both kept
 * between polls. Meant for a worker thread; it blocks while it works.
 */
export class SockDiagReader {
  private socket: SockDiagSocket | null = null
  private readonly owners: SocketOwners
  private readonly interfaces: InterfaceNames
  private readonly provenance: ProvenanceCache
  private readonly activity = new ActivityTracker()
  private readonly portFilter = new ListenerPortFilter()
  /** Whether the kernel takes TCPDIAG_GETSOCK, which dumps both families in one walk (else one dump per family). */
  private bothFamiliesDump = true
  /** The row id of every socket in the last records, by inode, for joining activity to rows. */
  private idsByInode = new Map<number, string>()
  private previous: PreviousCollection | null = null

  constructor(procRoot = '/proc', sysNet = '/sys/class/net') {
    this.owners = new SocketOwners(procRoot)
    this.interfaces = new InterfaceNames(sysNet)
    this.provenance = new ProvenanceCache(procRoot)
  }

  collect(includeConnections: boolean, activity = false): SockDiagResult {
    const rawReplies: Buffer[] = []
    let sockets: DiagSocket[]
    try {
      sockets = this.dump(includeConnections, rawReplies)
    } catch (error) {
      this.previous = null
      throw error
    }
    const result = this.records(includeConnections, sockets, rawReplies)
    if (!activity) return result
    // Without connection rows only the listeners' accepted ends count: the kernel may skip the rest.
    const filter = includeConnections ? undefined : this.portFilter.program(sockets, result.unchanged)
    let samples: ActivitySample[] | undefined
    try {
      samples = this.activity.sample(sockets, this.openConnections(filter), (inode) => this.idsByInode.get(inode), Date.now(), includeConnections)
    } catch (error) {
      this.previous = null
      throw error
    }
    return samples ? { ...result, activity: samples } : result
  }

  private records(includeConnections: boolean, sockets: DiagSocket[], rawReplies: Buffer[]): SockDiagResult {
    // Steady state: the kernel reports the same sockets and their owners still run, so the records
    // still hold, and the mapping below (and the copy to the main thread) can be skipped.
    const fingerprint = dumpFingerprint(rawReplies)
    const previous = this.previous
    // Asked every poll, not only when the dump is unchanged: it is also what notices an owner's exec.
    const ownersSame = this.owners.stillRunning()
    if (previous?.includeConnections === includeConnections && previous.fingerprint.equals(fingerprint) && ownersSame) {
      return { ...previous.result, unchanged: true }
    }
    const result = this.toRecords(sockets)
    this.previous = { includeConnections, fingerprint, result }
    return result
  }

  private toRecords(sockets: readonly DiagSocket[]): SockDiagResult {
    const owners = this.owners.resolve(sockets.map((s) => s.inode))
    const processes = new Map<number, ProcessDetails>()
    this.idsByInode = new Map()
    const records = sockets.map((s): SocketRecord => {
      const owner = owners.get(s.inode)
      if (owner) processes.set(owner.pid, owner.details)
      const listener = isListenerState(s.protocol, s.state)
      const record: SocketRecord = {
        protocol: s.protocol,
        family: s.family,
        address: scopedAddress(s.address, s.ifindex, this.interfaces),
        port: s.port,
        state: stateName(s.protocol, s.state),
        remoteAddress: listener ? null : scopedAddress(s.remoteAddress, s.ifindex, this.interfaces),
        remotePort: listener ? null : s.remotePort,
        pid: owner?.pid ?? null,
        process: owner?.process ?? null,
        uid: s.uid,
        // Only the any-address matters: a socket bound to one IPv6 address cannot receive IPv4 anyway.
        ...(s.family === 6 && s.address === '::' && s.v6only !== null ? { dualStack: !s.v6only } : {}),
        inode: s.inode,
        ...(owner ? { ownerStartTicks: owner.startTicks } : {}),
      }
      if (s.protocol === 'tcp' && s.inode !== 0) this.idsByInode.set(s.inode, rowId(record))
      return record
    })
    return { records, processes: [...processes.values()], unchanged: false, provenance: this.provenanceOf(processes) }
  }

  private provenanceOf(processes: ReadonlyMap<number, ProcessDetails>): ProvenanceEntry[] {
    const entries: ProvenanceEntry[] = []
    const keep = new Map<number, number | string>()
    for (const details of processes.values()) {
      const key = details.startTime ?? 'unknown'
      keep.set(details.pid, key)
      const provenance = this.provenance.get(details.pid, key)
      if (provenance) entries.push({ pid: details.pid, provenance })
    }
    this.provenance.retain(keep)
    return entries
  }

  /**
   * The dump activity is measured from: open TCP connections of both families with their tcp_info,
   * only those on the ports `filter` passes when one is given (its dump walks the records in place).
   */
  private openConnections(filter: Buffer | undefined): ConnectionScan {
    const scan = (visit: RecordVisitor, program: Buffer | undefined): void => {
      this.socket ??= SockDiagSocket.open()
      try {
        if (this.bothFamiliesDump) this.socket.scanTcpBothFamilies(OPEN_CONNECTION_STATES, INFO_EXT, visit, program)
        else for (const family of FAMILIES) this.socket.scan(family, IPPROTO_TCP, OPEN_CONNECTION_STATES, INFO_EXT, visit, program)
      } catch (error) {
        this.close()
        throw error
      }
    }
    return (visit) => {
      let program = filter
      for (;;) {
        let visited = 0
        try {
          scan((buffer, offset, length) => { visited++; visit(buffer, offset, length) }, program)
          return
        } catch (error) {
          // A kernel refuses a request it does not take (EINVAL) before sending any record: the one-walk
          // dump first, then the filter, are given up for good and the dump is asked again without them.
          if (visited > 0 || !(error instanceof NetlinkReplyError) || error.errno !== EINVAL) throw error
          if (this.bothFamiliesDump) this.bothFamiliesDump = false
          else if (program) {
            this.portFilter.refused()
            program = undefined
          } else throw error
        }
      }
    }
  }

  /** The bare dump, without owners: the floor any Linux collector pays. */
  dump(includeConnections: boolean, rawReplies?: Buffer[]): DiagSocket[] {
    this.socket ??= SockDiagSocket.open()
    try {
      return dumpAll(this.socket, includeConnections, rawReplies)
    } catch (error) {
      // A dump that failed half-way may leave replies queued: start the next one on a fresh socket.
      this.close()
      throw error
    }
  }

  close(): void {
    this.socket?.close()
    this.socket = null
  }
}
