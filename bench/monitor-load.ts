import { monitorEventLoopDelay } from 'node:perf_hooks'
import { SockDiagCollector } from '../src/main/monitor/linux/sock-diag-collector'
import { Poller } from '../src/main/monitor/poller'
import { loadRegistry } from '../src/main/registry'
import { cpuMsSince } from './stats'

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))
const WINDOW_MS = 1000

export interface MonitorLoad {
  /** Longest event-loop delay of this (the main) thread in each 1 s window, ms; empty unless watched. */
  maxDelayMs: number[]
  /** CPU of the whole process, all threads, in each 1 s window, as % of one core. */
  cpuPercent: number[]
  /** CPU over the whole run, % of one core. */
  overallCpuPercent: number
  polls: number
}

/**
 * Runs the real monitor (Poller, registry join, diff) on the Linux collector at a 1 s interval for
 * `durationMs`, watching the process's CPU in 1 s windows, and, when asked, this thread's event loop.
 * The event-loop histogram wakes the loop every millisecond (~2 % of a core by itself), so CPU is
 * measured in runs that don't watch the loop.
 */
export async function measureMonitorLoad(durationMs: number, watchEventLoop: boolean): Promise<MonitorLoad> {
  const poller = new Poller({ collector: new SockDiagCollector(), registry: loadRegistry(), intervalMs: 1000 })
  await poller.pollNow() // worker start-up and the first /proc walk are not steady state
  const errors: string[] = []
  let polls = 0
  poller.onStatus((status) => {
    if (status.error) errors.push(status.error)
    else polls++
  })
  poller.onDelta(() => undefined)
  const load: MonitorLoad = { maxDelayMs: [], cpuPercent: [], overallCpuPercent: 0, polls: 0 }
  const histogram = monitorEventLoopDelay({ resolution: 1 })
  if (watchEventLoop) histogram.enable()
  const runCpu = process.cpuUsage()
  const runStarted = performance.now()
  poller.start()
  for (let elapsed = 0; elapsed < durationMs; elapsed += WINDOW_MS) {
    histogram.reset()
    const cpu = process.cpuUsage()
    const started = performance.now()
    await sleep(WINDOW_MS)
    load.cpuPercent.push((100 * cpuMsSince(cpu)) / (performance.now() - started))
    if (watchEventLoop) load.maxDelayMs.push(histogram.max / 1e6)
  }
  load.overallCpuPercent = (100 * cpuMsSince(runCpu)) / (performance.now() - runStarted)
  histogram.disable()
  await poller.close()
  if (errors.length > 0) throw new Error(`the monitor failed while measured: ${errors[0]}`)
  load.polls = polls
  return load
}
