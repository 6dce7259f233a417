import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import si from 'systeminformation'
import { UNCHANGED, type Collection, type SocketRecord } from '../src/main/monitor/collector'
import { SockDiagCollector } from '../src/main/monitor/linux/sock-diag-collector'
import { SockDiagReader } from '../src/main/monitor/linux/sock-diag-reader'
import { SockDiagSocket } from '../src/main/monitor/linux/netlink-socket'
import { AF_INET, AF_INET6, IPPROTO_TCP } from '../src/main/monitor/linux/netlink-messages'
import { OPEN_CONNECTION_STATES } from '../src/main/monitor/linux/activity/activity-tracker'
import { INFO_EXT } from '../src/main/monitor/linux/activity/tcp-info'
import { ListenerPortFilter } from '../src/main/monitor/linux/activity/listener-port-filter'
import { parseSsListing } from '../tests/helpers/ss-listing'
import { cpuMsSince } from './stats'

const run = promisify(execFile)

/** One way of listing the machine's listeners; poll() returns how many sockets it saw. */
export interface PollTarget {
  name: 'portolan' | 'portolan.activity' | 'systeminformation' | 'ss' | 'floor' | 'floor.info' | 'floor.info.asked'
  poll(): Promise<number>
  close(): Promise<void>
}

export interface PollSamples {
  wallMs: number[]
  cpuMs: number[]
  sockets: number
}

/** A poll that keeps the records like the poller does, so an UNCHANGED answer (the steady state) still counts its sockets. */
function keeping(collect: (lastKept: boolean) => Promise<Collection>): () => Promise<number> {
  let kept: SocketRecord[] | null = null
  return async () => {
    const collection = await collect(kept !== null)
    if (collection !== UNCHANGED) kept = collection
    return kept?.length ?? 0
  }
}

/**
 * The Linux collector as the app runs it, with activity (tcp_info of every open connection) off and on,
 * beside three floors: the bare listener dump ("floor", what activity off must pay); that plus every open
 * TCP connection of both families with INET_DIAG_INFO, one dump per family, received and discarded
 * ("floor.info", what any tcp_info reader starts from); and that plus exactly the dump activity asks
 * for (one walk for both families, filtered to the listeners' ports), received and discarded
 * ("floor.info.asked", the kernel's share of the activity poll).
 */
export function activityTargets(): PollTarget[] {
  const off = new SockDiagCollector()
  const on = new SockDiagCollector()
  const signal = new AbortController().signal
  const reader = new SockDiagReader()
  const socket = SockDiagSocket.open()
  const filter = new ListenerPortFilter()
  // Received and counted, nothing decoded: the count shows the scenario's connections are all there.
  let seen = 0
  const discard = (): void => {
    seen++
  }
  return [
    { name: 'portolan', poll: keeping((lastKept) => off.collect({ includeConnections: false, signal, lastKept })), close: () => off.close() },
    { name: 'portolan.activity', poll: keeping((lastKept) => on.collect({ includeConnections: false, activity: true, signal, lastKept })), close: () => on.close() },
    { name: 'floor', poll: () => Promise.resolve(reader.dump(false).length), close: () => Promise.resolve(reader.close()) },
    {
      name: 'floor.info',
      poll: () => {
        seen = reader.dump(false).length
        for (const family of [AF_INET, AF_INET6]) socket.scan(family, IPPROTO_TCP, OPEN_CONNECTION_STATES, INFO_EXT, discard)
        return Promise.resolve(seen)
      },
      close: () => Promise.resolve(socket.close()),
    },
    {
      name: 'floor.info.asked',
      poll: () => {
        const listeners = reader.dump(false)
        seen = listeners.length
        socket.scanTcpBothFamilies(OPEN_CONNECTION_STATES, INFO_EXT, discard, filter.program(listeners))
        return Promise.resolve(seen)
      },
      close: () => Promise.resolve(socket.close()),
    },
  ]
}

export function pollTargets(): PollTarget[] {
  const collector = new SockDiagCollector()
  const [, withActivity] = activityTargets()
  const reader = new SockDiagReader()
  const signal = new AbortController().signal
  return [
    { name: 'portolan', poll: keeping((lastKept) => collector.collect({ includeConnections: false, signal, lastKept })), close: () => collector.close() },
    ...(withActivity ? [withActivity] : []),
    {
      name: 'systeminformation',
      poll: async () => (await si.networkConnections()).length,
      close: () => Promise.resolve(),
    },
    {
      name: 'ss',
      poll: async () => parseSsListing((await run('ss', ['-tulnpH'], { maxBuffer: 64 * 1024 * 1024 })).stdout).length,
      close: () => Promise.resolve(),
    },
    {
      // The bare kernel dump, parsed, without owners: what any sock_diag collector must pay.
      name: 'floor',
      poll: () => Promise.resolve(reader.dump(false).length),
      close: () => Promise.resolve(reader.close()),
    },
  ]
}

/** Polls every target in turn, `rounds` times after `warmup` unmeasured rounds, so all see the same sockets. */
export async function measurePolls(targets: readonly PollTarget[], rounds: number, warmup: number): Promise<Map<string, PollSamples>> {
  const samples = new Map<string, PollSamples>(targets.map((t) => [t.name, { wallMs: [], cpuMs: [], sockets: 0 }]))
  for (let round = -warmup; round < rounds; round++) {
    for (const target of targets) {
      const cpu = process.cpuUsage()
      const started = performance.now()
      const sockets = await target.poll()
      const wall = performance.now() - started
      const cpuMs = cpuMsSince(cpu)
      if (round < 0) continue
      const s = samples.get(target.name)
      if (!s) continue
      s.wallMs.push(wall)
      s.cpuMs.push(cpuMs)
      s.sockets = sockets
    }
  }
  return samples
}
