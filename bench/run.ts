// `npm run bench` (table) or `npm run --silent bench -- --json` (one JSON object on stdout).
// --quick: N = 50 only, few rounds, short windows (the harness smoke test). --sizes=50,1000 picks N.
// --no-renderer skips the renderer part; --renderer-only runs nothing else (no sockets, no polling).
// `npm run bench -- coldstart [--rounds=40]`: only the CLI's cold start at 50 listeners.
// `npm run bench -- activity [--sizes=5000] [--rounds=15]`: the poll with activity (tcp_info) on against off and
// against the kernel floors with and without tcp_info (bench/poll.ts activityTargets), alone.
// `npm run bench -- soak [--cycles=20000] [--collector=systeminformation] [--json]`: the long run with socket
// churn (bench/soak.ts), alone.
// `npm run bench -- windows [--sizes=50,1000] [--rounds=N] [--json]`: under Wine, the native Windows collector
// against systeminformation's Windows path (bench/windows.ts), alone; skips without Wine.
import { measureColdStart } from './cold-start'
import { measureMonitorLoad } from './monitor-load'
import { activityTargets, measurePolls, pollTargets, type PollSamples } from './poll'
import { formatJson, formatTable, type Measurement } from './report'
import { openScenario } from './scenario'
import { summarize } from './stats'
import { targetNotes } from './targets'

interface Plan {
  json: boolean
  sizes: number[]
  rounds(n: number): number
  loadMs: number
  idleMs: number
  renderer: boolean
}

function plan(args: readonly string[]): Plan {
  const quick = args.includes('--quick')
  const sizesArg = args.find((a) => a.startsWith('--sizes='))
  const rendererOnly = args.includes('--renderer-only')
  const sizes = rendererOnly ? [] : sizesArg ? sizesArg.slice(8).split(',').map(Number) : quick ? [50] : [50, 1000, 5000]
  return {
    json: args.includes('--json'),
    sizes,
    rounds: (n) => (quick ? 3 : n >= 5000 ? 15 : n >= 1000 ? 25 : 40),
    loadMs: quick ? 2000 : 10_000,
    idleMs: quick ? 2000 : 30_000,
    renderer: rendererOnly || (!quick && !args.includes('--no-renderer')),
  }
}

const progress = (text: string): void => {
  process.stderr.write(`bench: ${text}\n`)
}

async function soak(args: readonly string[]): Promise<void> {
  const { DEFAULT_SOAK_CYCLES, runSoak } = await import('./soak')
  const cyclesArg = args.find((a) => a.startsWith('--cycles='))
  const collectorArg = args.find((a) => a.startsWith('--collector='))?.slice(12) ?? 'platform'
  if (collectorArg !== 'platform' && collectorArg !== 'systeminformation') throw new Error('--collector must be platform or systeminformation')
  const result = await runSoak(cyclesArg ? Number(cyclesArg.slice(9)) : DEFAULT_SOAK_CYCLES, progress, collectorArg)
  process.stdout.write(`${args.includes('--json') ? formatJson(result.measurements) : formatTable(result.measurements, result.notes)}\n`)
}

async function coldStartOnly(args: readonly string[]): Promise<void> {
  const rounds = Number(args.find((a) => a.startsWith('--rounds='))?.slice(9) ?? 40)
  const scenario = await openScenario(50)
  try {
    const cold = measureColdStart(50, rounds)
    process.stdout.write(`${args.includes('--json') ? formatJson(cold.measurements) : formatTable(cold.measurements, cold.notes)}\n`)
  } finally {
    await scenario.close()
  }
}

/**
 * "activity on/off: median 1.23x (4.1 ms vs 3.3 ms)", from side-by-side samples of the two collectors,
 * and, when the floors ran beside them, activity on against the floors with tcp_info.
 */
function activityNote(n: number, samples: ReadonlyMap<string, PollSamples>): string | null {
  const off = samples.get('portolan')
  const on = samples.get('portolan.activity')
  if (!off || !on) return null
  const offMs = summarize(off.wallMs).median
  const onMs = summarize(on.wallMs).median
  const offCpu = summarize(off.cpuMs).median
  const onCpu = summarize(on.cpuMs).median
  const against = (kind: 'wallMs' | 'cpuMs'): string[] =>
    (['floor', 'floor.info', 'floor.info.asked'] as const).flatMap((name) => {
      const floor = samples.get(name)
      if (!floor) return []
      const floorMs = summarize(floor[kind]).median
      const base = name === 'floor' ? (kind === 'wallMs' ? offMs : offCpu) : kind === 'wallMs' ? onMs : onCpu
      return [`${name === 'floor' ? 'off' : 'on'}/${name} ${(base / floorMs).toFixed(2)}x (${floorMs.toFixed(2)} ms)`]
    })
  const wall = against('wallMs')
  return [
    `N=${n}: poll with activity on/off: median wall ${(onMs / offMs).toFixed(2)}x (${onMs.toFixed(2)} ms vs ${offMs.toFixed(2)} ms); process CPU ${(onCpu / offCpu).toFixed(2)}x (${onCpu.toFixed(2)} ms vs ${offCpu.toFixed(2)} ms)`,
    ...(wall.length > 0 ? [`N=${n}: against the floors, median wall: ${wall.join('; ')}`, `N=${n}: against the floors, median process CPU: ${against('cpuMs').join('; ')}`] : []),
  ].join('\n')
}

/** `npm run bench -- activity [--sizes=5000] [--rounds=15]`: the poll with activity on against off, alone. */
async function activityOnly(args: readonly string[]): Promise<void> {
  const sizes = (args.find((a) => a.startsWith('--sizes='))?.slice(8) ?? '5000').split(',').map(Number)
  const rounds = Number(args.find((a) => a.startsWith('--rounds='))?.slice(9) ?? 15)
  const measurements: Measurement[] = []
  const notes: string[] = []
  for (const n of sizes) {
    progress(`N=${n}: opening ${n} listeners and ${2 * n} loopback connections`)
    const scenario = await openScenario(n)
    try {
      const targets = activityTargets()
      const samples = await measurePolls(targets, rounds, 3)
      await Promise.all(targets.map((t) => t.close()))
      for (const [name, s] of samples) measurements.push({ name: `poll.${name}`, n, unit: 'ms', ...summarize(s.wallMs) })
      // Process CPU (every thread, the worker's too): steadier than wall time on a shared machine.
      for (const [name, s] of samples) measurements.push({ name: `poll.${name}.cpu`, n, unit: 'ms', ...summarize(s.cpuMs) })
      notes.push(`N=${n}: sockets seen per poll: ${[...samples].map(([name, s]) => `${name} ${s.sockets}`).join(', ')}`)
      const note = activityNote(n, samples)
      if (note) notes.push(note)
    } finally {
      await scenario.close()
    }
  }
  process.stdout.write(`${args.includes('--json') ? formatJson(measurements) : formatTable(measurements, notes)}\n`)
}

async function windows(args: readonly string[]): Promise<void> {
  const { runWindowsBench } = await import('./windows')
  const sizesArg = args.find((a) => a.startsWith('--sizes='))
  const roundsArg = args.find((a) => a.startsWith('--rounds='))
  const sizes = sizesArg ? sizesArg.slice(8).split(',').map(Number) : [50, 1000]
  // Wine spends seconds per table read at 1,000 sockets (its own cost, not Windows'): fewer rounds there.
  const result = await runWindowsBench(sizes, (n) => (roundsArg ? Number(roundsArg.slice(9)) : n >= 1000 ? 3 : 10), progress)
  if ('skipped' in result) {
    progress(`windows: skipped: ${result.skipped}`)
    return
  }
  process.stdout.write(`${args.includes('--json') ? formatJson(result.measurements) : formatTable(result.measurements, result.notes)}\n`)
}

async function main(): Promise<void> {
  if (process.platform !== 'linux') throw new Error('the collector benchmarks need Linux (sock_diag, ss)')
  const args = process.argv.slice(2)
  if (args[0] === 'soak') return soak(args.slice(1))
  if (args[0] === 'coldstart') return coldStartOnly(args.slice(1))
  if (args[0] === 'activity') return activityOnly(args.slice(1))
  if (args[0] === 'windows') return windows(args.slice(1))
  const p = plan(args)
  const measurements: Measurement[] = []
  const notes: string[] = []
  for (const n of p.sizes) {
    progress(`N=${n}: opening ${n} listeners and ${2 * n} loopback connections`)
    const scenario = await openScenario(n)
    try {
      const targets = pollTargets()
      progress(`N=${n}: polling portolan, systeminformation, ss and the floor side by side`)
      const samples = await measurePolls(targets, p.rounds(n), 2)
      await Promise.all(targets.map((t) => t.close()))
      for (const [name, s] of samples) {
        measurements.push({ name: `poll.${name}`, n, unit: 'ms', ...summarize(s.wallMs) })
        if (name === 'portolan') measurements.push({ name: 'poll.portolan.cpu', n, unit: 'ms', ...summarize(s.cpuMs) })
      }
      notes.push(`N=${n}: sockets seen per poll: ${[...samples].map(([name, s]) => `${name} ${s.sockets}`).join(', ')}`)
      const activity = activityNote(n, samples)
      if (activity) notes.push(activity)
      progress(`N=${n}: running the monitor at 1 s for ${p.loadMs / 1000} s, watching the event loop`)
      const load = await measureMonitorLoad(p.loadMs, true)
      measurements.push({ name: 'eventloop.maxDelay', n, unit: 'ms', ...summarize(load.maxDelayMs) })
      notes.push(`N=${n}: longest event-loop delay ${Math.max(...load.maxDelayMs).toFixed(2)} ms over ${load.polls} polls`)
      if (n === 50) {
        progress(`N=${n}: cold start of node out/cli/index.js list, node -e 0 and ss -tulnp, in turns`)
        const cold = measureColdStart(n, p.rounds(n))
        measurements.push(...cold.measurements)
        notes.push(...cold.notes)
        progress(`N=${n}: running the monitor at 1 s for ${p.idleMs / 1000} s, measuring CPU`)
        const idle = await measureMonitorLoad(p.idleMs, false)
        measurements.push({ name: 'idle.cpu', n, unit: '%', ...summarize(idle.cpuPercent) })
        notes.push(`N=${n}: monitor CPU ${idle.overallCpuPercent.toFixed(3)} % of one core over ${idle.polls} polls`)
      }
    } finally {
      await scenario.close()
    }
  }
  if (p.renderer) {
    const { measureRenderer } = await import('./renderer')
    progress('renderer: 1,000 and 10,000 rows, with and without a text filter, 500-row deltas at 4 Hz, beside TanStack Table\'s row model, in Chromium')
    const result = await measureRenderer()
    if ('skipped' in result) notes.push(`renderer: not measured: ${result.skipped}`)
    else {
      measurements.push(...result.measurements)
      notes.push('Renderer ratios (medians, this run):', ...result.notes)
    }
  }
  notes.push(...targetNotes(measurements))
  process.stdout.write(`${p.json ? formatJson(measurements) : formatTable(measurements, notes)}\n`)
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? error.stack : String(error)}\n`)
    process.exit(1)
  },
)
