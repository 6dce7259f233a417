import type { ActivitySample } from '../../../../shared/activity'
import { AF_INET, AF_INET6, INET_DIAG_MSG_BYTES, NetlinkReplyError, type DiagSocket, type RecordVisitor } from '../netlink-messages'
import { formatIpv6 } from '../proc-net'
import { findTcpInfo, type TcpInfo } from './tcp-info'

/** TCP states of an open connection (include/net/tcp_states.h): ESTABLISHED, FIN_WAIT1/2, CLOSE_WAIT, LAST_ACK, CLOSING. */
export const OPEN_CONNECTION_STATES = (1 << 1) | (1 << 4) | (1 << 5) | (1 << 8) | (1 << 9) | (1 << 11)
const TCP_LISTEN = 10

/** Runs the activity dump (open TCP connections with tcp_info), handing each record to `visit` where it lies. */
export type ConnectionScan = (visit: RecordVisitor) => void

/** A connection's byte counters at the last poll that saw it, updated in place; `seen` is that poll's number. */
interface Counters {
  sent: number
  received: number
  seen: number
}

interface ListenerEntry {
  family: number
  address: string
  aggregate: Aggregate
}

interface Aggregate {
  id: string
  connections: number
  acceptQueue: number
  acceptBacklog: number
  sent: number
  received: number
  sentDelta: number
  receivedDelta: number
  rttSum: number
  rttCount: number
}

const WILDCARDS: Record<number, string> = { 4: '0.0.0.0', 6: '::' }

function sameSample(x: ActivitySample, y: ActivitySample): boolean {
  return (
    x.id === y.id && x.connections === y.connections && x.acceptQueue === y.acceptQueue && x.acceptBacklog === y.acceptBacklog &&
    x.bytesSent === y.bytesSent && x.bytesReceived === y.bytesReceived && x.sendRate === y.sendRate && x.receiveRate === y.receiveRate && x.rttMs === y.rttMs
  )
}

/** Bytes per second over the poll; 0 on the first poll, which has nothing to measure from. */
function rate(bytes: number, seconds: number | null): number {
  return seconds === null ? 0 : Math.round(bytes / seconds)
}

function listenerSample(a: Aggregate, seconds: number | null): ActivitySample {
  return {
    id: a.id,
    connections: a.connections,
    acceptQueue: a.acceptQueue,
    acceptBacklog: a.acceptBacklog,
    bytesSent: a.sent,
    bytesReceived: a.received,
    sendRate: rate(a.sentDelta, seconds),
    receiveRate: rate(a.receivedDelta, seconds),
    rttMs: a.rttCount === 0 ? null : Math.round((a.rttSum / a.rttCount) * 1000) / 1000,
  }
}

/** Whether this poll's samples (connection rows, then listeners) would equal `last`, checked before building them. */
function sameAsLast(last: readonly ActivitySample[], rows: readonly ActivitySample[], aggregates: readonly Aggregate[], seconds: number | null): boolean {
  if (last.length !== rows.length + aggregates.length) return false
  for (let i = 0; i < rows.length; i++) {
    const x = rows[i]
    const y = last[i]
    if (!x || !y || !sameSample(x, y)) return false
  }
  for (let i = 0; i < aggregates.length; i++) {
    const a = aggregates[i]
    const y = last[rows.length + i]
    if (!a || !y) return false
    if (
      a.id !== y.id || a.connections !== y.connections || a.acceptQueue !== y.acceptQueue || a.acceptBacklog !== y.acceptBacklog ||
      a.sent !== y.bytesSent || a.received !== y.bytesReceived || rate(a.sentDelta, seconds) !== y.sendRate || rate(a.receivedDelta, seconds) !== y.receiveRate
    ) return false
    if ((a.rttCount === 0 ? null : Math.round((a.rttSum / a.rttCount) * 1000) / 1000) !== y.rttMs) return false
  }
  return true
}

function localAddress(buffer: Buffer, offset: number, family: number): string {
  const at = offset + 8
  return family === 4 ? `${buffer[at]}.${buffer[at + 1]}.${buffer[at + 2]}.${buffer[at + 3]}` : formatIpv6(buffer, at)
}

/**
 * The listener a connection (the record at `offset`) was accepted by: the one on its local port and
 * family, and when several share the port, the one on its local address, else the wildcard one. The
 * address is formatted only then.
 */
function listenerOf(candidates: readonly ListenerEntry[], family: number, buffer: Buffer, offset: number): Aggregate | undefined {
  let only: ListenerEntry | undefined
  let several = false
  for (const l of candidates) {
    if (l.family !== family) continue
    if (only) several = true
    else only = l
  }
  if (!several) return only?.aggregate
  const address = localAddress(buffer, offset, family)
  const sameFamily = candidates.filter((l) => l.family === family)
  return (sameFamily.find((l) => l.address === address) ?? sameFamily.find((l) => l.address === WILDCARDS[family]))?.aggregate
}

/**
 * Turns each poll's listeners and open connections (with tcp_info) into per-row activity: connection
 * counts and accept queues of listeners, byte totals, rates since the previous poll and RTT. A
 * connection's bytes count toward the listener on its local address and port (or the wildcard one).
 * Rates add up per-connection growth, so a connection that closes does not make a rate negative.
 */
export class ActivityTracker {
  private readonly previous = new Map<number, Counters>()
  /** The listeners on each local port this poll, indexed by port (cheaper per record than a Map); `ports` says which are set. */
  private readonly byPort: Array<ListenerEntry[] | undefined> = new Array<ListenerEntry[] | undefined>(0x10000)
  private ports: number[] = []
  private listenerInodes: number[] = []
  private listenerAggregates: Array<Aggregate | null> = []
  private aggregates: Aggregate[] = []
  private poll = 0
  private lastAt: number | null = null
  private last: ActivitySample[] = []
  /** Scratch for each record's tcp_info, so the scan allocates nothing per connection. */
  private readonly info: TcpInfo = { bytesAcked: 0, bytesReceived: 0, rttMicros: null }

  /**
   * `idOf` names the row of a socket by its inode: listeners always, connections only when
   * `connectionRows` (else only listeners' accepted connections count, toward their listener).
   * `scan` dumps the open connections; each record is read in place, straight from the receive buffer.
   * Returns undefined when the samples equal the previous poll's, so nothing needs sending.
   */
  sample(listeners: readonly DiagSocket[], scan: ConnectionScan, idOf: (inode: number) => string | undefined, now: number, connectionRows = true): ActivitySample[] | undefined {
    const seconds = this.lastAt === null ? null : Math.max(0.001, (now - this.lastAt) / 1000)
    this.lastAt = now
    const aggregates = this.indexListeners(listeners, idOf)
    const byPort = this.byPort
    const samples: ActivitySample[] = []
    const poll = ++this.poll
    const info = this.info
    try {
      scan((buffer, offset, length) => {
        const familyCode = buffer[offset]
        if (familyCode !== AF_INET && familyCode !== AF_INET6) throw new NetlinkReplyError(`sock_diag record has address family ${familyCode}, not AF_INET or AF_INET6`)
        const family = familyCode === AF_INET ? 4 : 6
        const candidates = byPort[buffer.readUInt16BE(offset + 4)]
        const inode = buffer.readUInt32LE(offset + 68)
        // The client ends of local connections (and outgoing ones) belong to no listener and no row: skip them first.
        const listener = candidates ? listenerOf(candidates, family, buffer, offset) : undefined
        const id = connectionRows ? idOf(inode) : undefined
        if (!listener && id === undefined) return
        if (!findTcpInfo(buffer, offset + INET_DIAG_MSG_BYTES, offset + length, info)) return
        const sent = info.bytesAcked
        const received = info.bytesReceived
        // An orphan (closed by its process, still shutting down) has inode 0 and nothing to follow it by: no rate.
        const counters = inode === 0 ? { sent, received, seen: poll } : this.previous.get(inode)
        // A connection new since the last poll moved all its bytes within it.
        const sentDelta = Math.max(0, sent - (counters?.sent ?? 0))
        const receivedDelta = Math.max(0, received - (counters?.received ?? 0))
        if (counters) {
          counters.sent = sent
          counters.received = received
          counters.seen = poll
        } else {
          this.previous.set(inode, { sent, received, seen: poll })
        }
        const rttMs = info.rttMicros === null || info.rttMicros === 0 ? null : info.rttMicros / 1000
        if (listener) {
          listener.connections += 1
          listener.sent += sent
          listener.received += received
          listener.sentDelta += sentDelta
          listener.receivedDelta += receivedDelta
          if (rttMs !== null) {
            listener.rttSum += rttMs
            listener.rttCount += 1
          }
        }
        if (id !== undefined) {
          samples.push({
            id,
            connections: null,
            acceptQueue: null,
            acceptBacklog: null,
            bytesSent: sent,
            bytesReceived: received,
            sendRate: seconds === null ? 0 : Math.round(sentDelta / seconds),
            receiveRate: seconds === null ? 0 : Math.round(receivedDelta / seconds),
            rttMs,
          })
        }
      })
    } catch (error) {
      // Some counters moved to this poll and some did not: start over rather than report skewed rates.
      this.previous.clear()
      this.lastAt = null
      throw error
    }
    // Connections gone since (or never seen by) this poll are forgotten.
    for (const [inode, counters] of this.previous) if (counters.seen !== poll) this.previous.delete(inode)
    if (sameAsLast(this.last, samples, aggregates, seconds)) return undefined
    for (const a of aggregates) samples.push(listenerSample(a, seconds))
    this.last = samples
    return samples
  }

  /**
   * This poll's listener aggregates, zeroed, and `byPort` pointing at them. The same listeners as last
   * poll (the usual case) keep their objects; only their accept queues are read again.
   */
  private indexListeners(listeners: readonly DiagSocket[], idOf: (inode: number) => string | undefined): Aggregate[] {
    const tcp = listeners.filter((l) => l.protocol === 'tcp' && l.state === TCP_LISTEN)
    const ids = tcp.map((l) => idOf(l.inode))
    // A row id names the owner's pid too, so a socket that changed hands is a new row.
    const same = tcp.length === this.listenerInodes.length && tcp.every((l, i) => l.inode === this.listenerInodes[i] && ids[i] === this.listenerAggregates[i]?.id)
    if (same) {
      tcp.forEach((l, i) => {
        const a = this.listenerAggregates[i]
        if (!a) return
        a.acceptQueue = l.rqueue
        a.acceptBacklog = l.wqueue
        a.connections = a.sent = a.received = a.sentDelta = a.receivedDelta = a.rttSum = a.rttCount = 0
      })
      return this.aggregates
    }
    for (const port of this.ports) this.byPort[port] = undefined
    this.ports = []
    this.listenerInodes = tcp.map((l) => l.inode)
    // One slot per TCP listener (null for one without a row), so a later poll can reuse them by position.
    this.listenerAggregates = tcp.map((l, i): Aggregate | null => {
      const id = ids[i]
      if (id === undefined) return null
      const aggregate: Aggregate = { id, connections: 0, acceptQueue: l.rqueue, acceptBacklog: l.wqueue, sent: 0, received: 0, sentDelta: 0, receivedDelta: 0, rttSum: 0, rttCount: 0 }
      const entry = { family: l.family, address: l.address, aggregate }
      const onPort = this.byPort[l.port]
      if (onPort) onPort.push(entry)
      else {
        this.byPort[l.port] = [entry]
        this.ports.push(l.port)
      }
      return aggregate
    })
    this.aggregates = this.listenerAggregates.filter((a): a is Aggregate => a !== null)
    return this.aggregates
  }
}
