// `npm run bench -- soak [--cycles=20000] [--collector=systeminformation] [--json]`: the monitor run for many poll cycles while a child
// process opens and closes sockets without pause. Heap after a forced GC, open file descriptors and
// child processes are taken after a warm-up and at the end; none of them may grow.
import { fork, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { composeApp } from '../src/main/core/compose'
import { childPids } from '../src/main/monitor/child-reaper'
import { SystemInformationCollector } from '../src/main/monitor/si-collector'
import type { Measurement } from './report'
import type { ChurnReply } from './soak-churn'
import { summarize } from './stats'

export const DEFAULT_SOAK_CYCLES = 20_000
const WARM_UP_CYCLES = 200
const SAMPLES = 10
/** The limit on heap growth over the run. */
export const HEAP_GROWTH_LIMIT_MB = 5

export interface SoakResult {
  measurements: Measurement[]
  notes: string[]
}

interface Usage {
  heapMb: number
  rssMb: number
  fds: number
  children: number
}

/** global.gc when node runs with --expose-gc, else the same function obtained at run time. */
function forcedGc(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc
  if (exposed) return exposed
  setFlagsFromString('--expose-gc')
  return runInNewContext('gc') as () => void
}

function usage(gc: () => void, ignoredChild: number): Usage {
  for (let i = 0; i < 3; i++) gc()
  const memory = process.memoryUsage()
  return {
    heapMb: memory.heapUsed / 2 ** 20,
    rssMb: memory.rss / 2 ** 20,
    fds: readdirSync('/proc/self/fd').length,
    children: childPids(process.pid).filter((pid) => pid !== ignoredChild).length,
  }
}

function startChurn(): Promise<{ child: ChildProcess; pid: number }> {
  const child = fork(join(dirname(__filename), 'soak-churn.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  return new Promise((resolve, reject) => {
    child.once('spawn', () => resolve({ child, pid: child.pid ?? -1 }))
    child.once('error', reject)
  })
}

function churnRounds(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    child.once('message', (reply: ChurnReply) => resolve(reply.rounds))
    child.once('exit', (code) => reject(new Error(`the churn process exited (code ${code})`)))
    child.send('count')
  })
}

function stopChurn(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    child.once('exit', () => resolve())
    child.disconnect()
  })
}

const one = (name: string, n: number, unit: string, value: number): Measurement => ({ name, n, unit, median: value, p95: value })
const fmt = (u: Usage): string => `heap ${u.heapMb.toFixed(2)} MB (rss ${u.rssMb.toFixed(1)} MB), ${u.fds} fds, ${u.children} child processes`

/** The platform's own choice (sock_diag on Linux), or the portable collector that shells out on every poll. */
export type SoakCollector = 'platform' | 'systeminformation'

/** Runs the soak; `progress` gets a line every tenth of the run. */
export async function runSoak(cycles: number, progress: (text: string) => void, collector: SoakCollector = 'platform'): Promise<SoakResult> {
  if (!Number.isInteger(cycles) || cycles < 1) throw new Error(`--cycles must be a positive whole number, not ${cycles}`)
  const gc = forcedGc()
  const dataDir = mkdtempSync(join(tmpdir(), 'portolan-soak-'))
  const churn = await startChurn()
  const core = composeApp({ dataDir, containers: null, collector: collector === 'systeminformation' ? new SystemInformationCollector() : undefined })
  const pollMs = new Float64Array(cycles)
  let added = 0
  let removed = 0
  let failures = 0
  const offDelta = core.monitor.onDelta((delta) => {
    added += delta.added.length
    removed += delta.removed.length
  })
  const offStatus = core.monitor.onStatus((status) => {
    if (status.error) failures++
  })
  const heapTrend: string[] = []
  try {
    for (let i = 0; i < WARM_UP_CYCLES; i++) await core.monitor.pollNow()
    const roundsBefore = await churnRounds(churn.child)
    const start = usage(gc, churn.pid)
    progress(`soak: after ${WARM_UP_CYCLES} warm-up cycles: ${fmt(start)}`)
    added = 0
    removed = 0
    failures = 0
    const began = performance.now()
    const every = Math.max(1, Math.floor(cycles / SAMPLES))
    for (let i = 0; i < cycles; i++) {
      const t = performance.now()
      await core.monitor.pollNow()
      pollMs[i] = performance.now() - t
      if ((i + 1) % every === 0 && i + 1 < cycles) {
        const now = usage(gc, churn.pid)
        heapTrend.push(now.heapMb.toFixed(2))
        progress(`soak: ${i + 1}/${cycles} cycles, ${fmt(now)}, ${added} rows added and ${removed} removed so far`)
      }
    }
    const durationS = (performance.now() - began) / 1000
    const roundsAfter = await churnRounds(churn.child)
    const end = usage(gc, churn.pid)
    heapTrend.push(end.heapMb.toFixed(2))
    progress(`soak: done: ${fmt(end)}`)
    const heapGrowth = end.heapMb - start.heapMb
    const collector = core.monitor.status.collector
    return {
      measurements: [
        one('soak.heapGrowth', cycles, 'MB', heapGrowth),
        one('soak.fdGrowth', cycles, 'fds', end.fds - start.fds),
        one('soak.childGrowth', cycles, 'processes', end.children - start.children),
        { name: 'soak.poll', n: cycles, unit: 'ms', ...summarize(Array.from(pollMs)) },
      ],
      notes: [
        `soak: ${cycles} poll cycles of the composed app (collector ${collector}) in ${durationS.toFixed(1)} s, after ${WARM_UP_CYCLES} warm-up cycles`,
        `soak: churn: ${roundsAfter - roundsBefore} rounds of 40 TCP listeners, 10 UDP sockets and 10 connections opened and closed; the monitor saw ${added} rows added and ${removed} removed; ${failures} failed polls`,
        `soak: start: ${fmt(start)}`,
        `soak: end:   ${fmt(end)}`,
        `soak: heap after GC at each tenth of the run (MB): ${heapTrend.join(', ')}`,
        `  ${heapGrowth < HEAP_GROWTH_LIMIT_MB ? 'met ' : 'MISS'} heap growth ${heapGrowth.toFixed(2)} MB < ${HEAP_GROWTH_LIMIT_MB} MB`,
        `  ${end.fds <= start.fds ? 'met ' : 'MISS'} open fds ${start.fds} -> ${end.fds}`,
        `  ${end.children <= start.children ? 'met ' : 'MISS'} child processes ${start.children} -> ${end.children}`,
      ],
    }
  } finally {
    offDelta()
    offStatus()
    await core.close()
    await stopChurn(churn.child)
    rmSync(dataDir, { recursive: true, force: true })
  }
}
