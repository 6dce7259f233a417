import type { Protocol } from '../../../shared/row'
import type { SocketRecord } from '../collector'
import { AF_INET, AF_INET6, ALL_STATES, IPPROTO_TCP, IPPROTO_UDP, TCP_LISTEN, UDP_UNCONNECTED, type DiagSocket } from './netlink-messages'
import { dumpFingerprint } from './dump-fingerprint'
import { SockDiagSocket } from './netlink-socket'
import type { ProcessDetails } from './process-details'
import { ProvenanceCache } from './provenance/provenance-cache'
import type { ProvenanceEntry } from '../../../shared/provenance'
import type { ActivitySample } from '../../../shared/activity'
import { ActivityTracker, OPEN_CONNECTION_STATES } from './activity/activity-tracker'
import { INFO_EXT } from './activity/tcp-info'
import { decodeOpenConnection, type OpenConnection } from './activity/open-connection'
import { rowId } from '../rows'
import { isListenerState, stateName } from './proc-net'
import { SocketOwners } from './socket-owners'
import { InterfaceNames, scopedAddress } from './interface-names'

const FAMILIES = [AF_INET, AF_INET6]
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
    let connections: OpenConnection[] = []
    try {
      sockets = this.dump(includeConnections, rawReplies)
      if (activity) connections = this.dumpOpenConnections()
    } catch (error) {
      this.previous = null
      throw error
    }
    const result = this.records(includeConnections, sockets, rawReplies)
    if (!activity) return result
    const samples = this.activity.sample(sockets, connections, (inode) => this.idsByInode.get(inode), Date.now())
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

  /** Open TCP connections with their tcp_info, both families: what activity is measured from. */
  private dumpOpenConnections(): OpenConnection[] {
    this.socket ??= SockDiagSocket.open()
    try {
      const sockets: OpenConnection[] = []
      for (const family of FAMILIES) sockets.push(...this.socket.dumpAs(family, IPPROTO_TCP, 'tcp', OPEN_CONNECTION_STATES, undefined, INFO_EXT, decodeOpenConnection))
      return sockets
    } catch (error) {
      this.close()
      throw error
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
