import type si from 'systeminformation'
import type { Protocol } from '../../shared/row'
import { LISTEN_STATE, UNCONNECTED_STATE, type CollectOptions, type Collector, type SocketRecord } from './collector'
import { familyOf, normalizeAddress, parsePortText } from './address'
import { killChildrenOnAbort } from './child-reaper'
import { readProcNet } from './linux/proc-net'
import { SocketOwners } from './linux/socket-owners'

type SiConnection = si.Systeminformation.NetworkConnectionsData
/** Where the rows come from: systeminformation, or a stand-in in tests. */
export type ConnectionSource = () => Promise<SiConnection[]>

const LISTEN_LIKE = new Set(['LISTEN', 'LISTENING'])

/** One systeminformation row → a SocketRecord, or null for rows that are not sockets (headers, garbage). */
export function fromSystemInformation(conn: SiConnection): SocketRecord | null {
  const proto = String(conn.protocol ?? '').toLowerCase()
  const protocol: Protocol | null = proto.startsWith('tcp') ? 'tcp' : proto.startsWith('udp') ? 'udp' : null
  const port = parsePortText(conn.localPort)
  if (!protocol || port === null || typeof conn.localAddress !== 'string') return null
  const address = normalizeAddress(conn.localAddress)
  if (address === '') return null
  const rawState = (typeof conn.state === 'string' ? conn.state : '').trim().toUpperCase()
  const state = LISTEN_LIKE.has(rawState) ? LISTEN_STATE : protocol === 'udp' && rawState === '' ? UNCONNECTED_STATE : rawState
  if (state === '') return null // a TCP row without a state is not one we can describe
  const remotePort = parsePortText(conn.peerPort)
  const remote = typeof conn.peerAddress === 'string' && conn.peerAddress !== '' ? normalizeAddress(conn.peerAddress) : null
  const pid = typeof conn.pid === 'number' && Number.isInteger(conn.pid) && conn.pid > 0 ? conn.pid : null
  return {
    protocol,
    family: proto.endsWith('6') ? 6 : familyOf(address),
    address,
    port,
    state,
    remoteAddress: remotePort === null ? null : remote,
    remotePort,
    pid,
    process: pid !== null && typeof conn.process === 'string' && conn.process !== '' ? conn.process : null,
    uid: null,
  }
}

function isListener(record: SocketRecord): boolean {
  return record.state === LISTEN_STATE || record.state === UNCONNECTED_STATE
}

/**
 * The portable collector. systeminformation never returns bound UDP sockets on Linux, so there the
 * UDP half comes from /proc/net/udp{,6}, with owners from /proc/<pid>/fd.
 */
export class SystemInformationCollector implements Collector {
  readonly name = 'systeminformation'
  private readonly owners = new SocketOwners()

  constructor(
    private readonly platform: NodeJS.Platform = process.platform,
    // Loaded on first use: systeminformation is large, and most runs never need this fallback.
    private readonly connections: ConnectionSource = async () => (await import('systeminformation')).default.networkConnections(),
  ) {}

  async collect({ includeConnections, signal }: CollectOptions): Promise<SocketRecord[]> {
    // systeminformation cannot be aborted: when the poller gives up, kill the netstat/ss/lsof it started.
    const conns = await killChildrenOnAbort(signal, this.connections)
    if (!Array.isArray(conns)) throw new Error('systeminformation returned no connection list')
    const linux = this.platform === 'linux'
    const records: SocketRecord[] = []
    for (const conn of conns) {
      const record = fromSystemInformation(conn)
      if (!record || (linux && record.protocol === 'udp')) continue
      // netstat -nao names every socket's pid on Windows: a missing one (0, the System Idle Process) is not hidden.
      if (includeConnections || isListener(record)) records.push(this.platform === 'win32' ? { ...record, ownerHidden: false } : record)
    }
    if (linux) records.push(...this.linuxUdp(includeConnections))
    return records
  }

  private linuxUdp(includeConnections: boolean): SocketRecord[] {
    const sockets = [...readProcNet('udp', 4), ...readProcNet('udp', 6)].filter(
      (s) => includeConnections || s.state === UNCONNECTED_STATE,
    )
    const owners = this.owners.resolve(sockets.map((s) => s.inode))
    return sockets.map((s) => {
      const owner = owners.get(s.inode)
      const connected = s.remotePort !== 0
      return {
        protocol: 'udp',
        family: s.family,
        address: s.address,
        port: s.port,
        state: s.state,
        remoteAddress: connected ? s.remoteAddress : null,
        remotePort: connected ? s.remotePort : null,
        pid: owner?.pid ?? null,
        process: owner?.process ?? null,
        uid: s.uid,
      }
    })
  }
}
