// Cold start of a one-shot `portolan list`, side by side with its floor (`node -e 0`, Node's own start-up)
// and with `ss -tulnp`, run in turns so load on the machine falls on all alike. Wall time of the whole
// process, from spawn to exit.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Measurement } from './report'
import { summarize } from './stats'

const REPO = join(__dirname, '..')
const CLI = join(REPO, 'out/cli/index.js')

interface Contender {
  key: string
  name: string
  command: string
  args: string[]
}

function timeOnce(contender: Contender, env: NodeJS.ProcessEnv): number {
  const started = process.hrtime.bigint()
  const run = spawnSync(contender.command, contender.args, { env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' })
  const ms = Number(process.hrtime.bigint() - started) / 1e6
  if (run.status !== 0) throw new Error(`${contender.name} failed (exit ${run.status}): ${run.stderr.trim()}`)
  return ms
}

/** Medians per contender at this many listeners, and the two ratios the issue asks for. */
export function measureColdStart(n: number, rounds: number): { measurements: Measurement[]; notes: string[] } {
  if (!existsSync(CLI)) return { measurements: [], notes: [`coldstart: not measured: ${CLI} is missing (npm run build)`] }
  const dataDir = mkdtempSync(join(tmpdir(), 'portolan-bench-coldstart-'))
  const env = { PATH: process.env.PATH, PORTOLAN_DATA_DIR: dataDir }
  const contenders: Contender[] = [
    { key: 'node', name: 'node -e 0', command: process.execPath, args: ['-e', '0'] },
    { key: 'ss', name: 'ss -tulnp', command: 'ss', args: ['-tulnp'] },
    { key: 'portolan-list', name: 'portolan list', command: process.execPath, args: [CLI, 'list'] },
  ]
  const samples = new Map(contenders.map((c) => [c.name, [] as number[]]))
  try {
    for (const c of contenders) timeOnce(c, env) // warm the page cache
    for (let round = 0; round < rounds; round++) for (const c of contenders) samples.get(c.name)?.push(timeOnce(c, env))
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
  const measurements = contenders.map((c): Measurement => ({ name: `coldstart.${c.key}`, n, unit: 'ms', ...summarize(samples.get(c.name) ?? []) }))
  const median = (name: string) => measurements.find((m) => m.name === name)?.median ?? Number.NaN
  const list = median('coldstart.portolan-list')
  return {
    measurements,
    notes: [
      `N=${n}: cold start, ${rounds} rounds in turns: portolan list / node -e 0 = ${(list / median('coldstart.node')).toFixed(2)}x (target <= 2x); portolan list / ss -tulnp = ${(list / median('coldstart.ss')).toFixed(2)}x`,
    ],
  }
}
