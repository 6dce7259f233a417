import type { ActivitySample } from '../../../../shared/activity'
import type { DiagSocket } from '../netlink-messages'
import type { OpenConnection } from './open-connection'

/** TCP states of an open connection (include/net/tcp_states.h): ESTABLISHED, FIN_WAIT1/2, CLOSE_WAIT, LAST_ACK, CLOSING. */
export const OPEN_CONNECTION_STATES = (1 << 1) | (1 << 4) | (1 << 5) | (1 << 8) | (1 << 9) | (1 << 11)
const TCP_LISTEN = 10

interface Counters {
  sent: number
  received: number
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

function sameSamples(a: readonly ActivitySample[], b: readonly ActivitySample[]): boolean {
  if (a.length !== b.length) return false
  for (const [i, x] of a.entries()) {
    const y = b[i]
    if (
      y === undefined || x.id !== y.id || x.connections !== y.connections || x.acceptQueue !== y.acceptQueue || x.acceptBacklog !== y.acceptBacklog ||
      x.bytesSent !== y.bytesSent || x.bytesReceived !== y.bytesReceived || x.sendRate !== y.sendRate || x.receiveRate !== y.receiveRate || x.rttMs !== y.rttMs
    ) return false
  }
  return true
}

/**
 * The listener a connection was accepted by: the one on its local port and family, and when several
 * share the port, the one on its local address, else the wildcard one. The address is formatted only then.
 */
function listenerOf(candidates: ReadonlyArray<{ family: number; address: string; aggregate: Aggregate }> | undefined, c: OpenConnection): Aggregate | undefined {
  if (!candidates) return undefined
  const sameFamily = candidates.filter((l) => l.family === c.family)
  if (sameFamily.length <= 1) return sameFamily[0]?.aggregate
  const address = c.address()
  return (sameFamily.find((l) => l.address === address) ?? sameFamily.find((l) => l.address === WILDCARDS[c.family]))?.aggregate
}

/**
 * Turns each poll's listeners and open connections (with tcp_info) into per-row activity: connection
 * counts and accept queues of listeners, byte totals, rates since the previous poll and RTT. A
 * connection's bytes count toward the listener on its local address and port (or the wildcard one).
 * Rates add up per-connection growth, so a connection that closes does not make a rate negative.
 */
export class ActivityTracker {
  private previous = new Map<number, Counters>()
  private lastAt: number | null = null
  private last: ActivitySample[] = []

  /**
   * `idOf` names the row of a socket by its inode (listeners always; connections when they are rows).
   * Returns undefined when the samples equal the previous poll's, so nothing needs sending.
   */
  sample(listeners: readonly DiagSocket[], connections: readonly OpenConnection[], idOf: (inode: number) => string | undefined, now: number): ActivitySample[] | undefined {
    const seconds = this.lastAt === null ? null : Math.max(0.001, (now - this.lastAt) / 1000)
    this.lastAt = now
    const byPort = new Map<number, Array<{ family: number; address: string; aggregate: Aggregate }>>()
    const aggregates: Aggregate[] = []
    for (const l of listeners) {
      if (l.protocol !== 'tcp' || l.state !== TCP_LISTEN) continue
      const id = idOf(l.inode)
      if (id === undefined) continue
      const aggregate: Aggregate = { id, connections: 0, acceptQueue: l.rqueue, acceptBacklog: l.wqueue, sent: 0, received: 0, sentDelta: 0, receivedDelta: 0, rttSum: 0, rttCount: 0 }
      aggregates.push(aggregate)
      const onPort = byPort.get(l.port) ?? []
      onPort.push({ family: l.family, address: l.address, aggregate })
      byPort.set(l.port, onPort)
    }
    const samples: ActivitySample[] = []
    const next = new Map<number, Counters>()
    for (const c of connections) {
      const info = c.info
      if (!info) continue
      // The client ends of local connections (and outgoing ones) belong to no listener and no row: skip them first.
      const listener = byPort.has(c.port) ? listenerOf(byPort.get(c.port), c) : undefined
      const id = idOf(c.inode)
      if (!listener && id === undefined) continue
      const before = this.previous.get(c.inode)
      const counters = { sent: info.bytesAcked, received: info.bytesReceived }
      next.set(c.inode, counters)
      // A connection new since the last poll moved all its bytes within it.
      const sentDelta = Math.max(0, counters.sent - (before?.sent ?? 0))
      const receivedDelta = Math.max(0, counters.received - (before?.received ?? 0))
      const rttMs = info.rttMicros === null || info.rttMicros === 0 ? null : info.rttMicros / 1000
      if (listener) {
        listener.connections += 1
        listener.sent += counters.sent
        listener.received += counters.received
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
          bytesSent: counters.sent,
          bytesReceived: counters.received,
          sendRate: seconds === null ? 0 : Math.round(sentDelta / seconds),
          receiveRate: seconds === null ? 0 : Math.round(receivedDelta / seconds),
          rttMs,
        })
      }
    }
    this.previous = next
    for (const a of aggregates) {
      samples.push({
        id: a.id,
        connections: a.connections,
        acceptQueue: a.acceptQueue,
        acceptBacklog: a.acceptBacklog,
        bytesSent: a.sent,
        bytesReceived: a.received,
        sendRate: seconds === null ? 0 : Math.round(a.sentDelta / seconds),
        receiveRate: seconds === null ? 0 : Math.round(a.receivedDelta / seconds),
        rttMs: a.rttCount === 0 ? null : Math.round((a.rttSum / a.rttCount) * 1000) / 1000,
      })
    }
    if (sameSamples(samples, this.last)) return undefined
    this.last = samples
    return samples
  }
}
