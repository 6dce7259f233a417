import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import si from 'systeminformation'
import { UNCHANGED, type SocketRecord } from '../src/main/monitor/collector'
import { SockDiagCollector } from '../src/main/monitor/linux/sock-diag-collector'
import { SockDiagReader } from '../src/main/monitor/linux/sock-diag-reader'
import { parseSsListing } from '../tests/helpers/ss-listing'
import { cpuMsSince } from './stats'

const run = promisify(execFile)

/** One way of listing the machine's listeners; poll() returns how many sockets it saw. */
export interface PollTarget {
  name: 'portolan' | 'portolan.activity' | 'systeminformation' | 'ss' | 'floor'
  poll(): Promise<number>
  close(): Promise<void>
}

export interface PollSamples {
  wallMs: number[]
  cpuMs: number[]
  sockets: number
}

/** The Linux collector as the app runs it, with activity (tcp_info of every open connection) off and on. */
export function activityTargets(): PollTarget[] {
  const off = new SockDiagCollector()
  const on = new SockDiagCollector()
  const signal = new AbortController().signal
  return [
    { name: 'portolan', poll: async () => (await off.collect({ includeConnections: false, signal })).length, close: () => off.close() },
    {
      name: 'portolan.activity',
      poll: async () => (await on.collect({ includeConnections: false, activity: true, signal })).length,
      close: () => on.close(),
    },
  ]
}

export function pollTargets(): PollTarget[] {
  const collector = new SockDiagCollector()
  const withActivity = activityTargets().find((target) => target.name === 'portolan.activity')
  if (!withActivity) throw new Error('activityTargets() lost its portolan.activity target')
  const reader = new SockDiagReader()
  const signal = new AbortController().signal
  // Kept like the poller keeps them, so an UNCHANGED answer (the steady state) still counts its sockets.
  let kept: SocketRecord[] | null = null
  return [
    {
      name: 'portolan',
      poll: async () => {
        const collection = await collector.collect({ includeConnections: false, signal, lastKept: kept !== null })
        if (collection !== UNCHANGED) kept = collection
        return kept?.length ?? 0
      },
      close: () => collector.close(),
    },
    withActivity,
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
