// `npm run bench -- windows [--json] [--sizes=50,1000] [--rounds=N]`: under Wine, the native Windows collector
// against systeminformation's Windows path, side by side, at each size. Skips (exit 0) without Wine.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { bundleForWindows, waitForJson, windowsPath, wineMissingReason, WineSession } from '../tests/helpers/wine-session'
import type { Measurement } from './report'
import { summarize } from './stats'

interface BenchRun { ok: boolean; error?: string; samples: Record<string, number[]>; sockets: Record<string, number> }

/** "systeminformation takes 1.6x the native time", or the other way round: always a ratio of at least 1. */
function ratio(nativeMs: number | undefined, siMs: number | undefined): string {
  if (nativeMs === undefined || siMs === undefined) return 'not measured'
  return siMs >= nativeMs
    ? `systeminformation takes ${(siMs / nativeMs).toFixed(1)}x the native time`
    : `native takes ${(nativeMs / siMs).toFixed(1)}x systeminformation's time`
}

export interface WindowsBenchResult {
  measurements: Measurement[]
  notes: string[]
}

export async function runWindowsBench(sizes: readonly number[], roundsFor: (n: number) => number, progress: (text: string) => void): Promise<WindowsBenchResult | { skipped: string }> {
  const missing = wineMissingReason()
  if (missing) return { skipped: missing }
  const wine = new WineSession()
  try {
    const out = join(wine.dir, 'bundle')
    await bundleForWindows(out, {
      'listeners.js': join(__dirname, 'windows/listeners-entry.ts'),
      'collect-bench.js': join(__dirname, 'windows/collect-bench-entry.ts'),
    })
    progress('windows: booting a private Wine prefix')
    wine.boot()
    const measurements: Measurement[] = []
    const notes: string[] = [
      "windows: under Wine 8, whose netstat rejects systeminformation's `netstat -nao` (it exits 1 and si returns no rows): the si time is the cost of its cmd.exe + netstat.exe children there, not of parsing rows.",
      "windows: Wine's GetExtendedTcpTable/GetExtendedUdpTable find owners by walking every process's fds, so the native time under Wine grows with sockets times fds (seconds per table at 1,000 sockets): a cost of Wine, not of Windows.",
    ]
    for (const n of sizes) {
      progress(`windows N=${n}: a Windows node.exe opens ${n} sockets (half TCP listeners, half UDP)`)
      const ready = join(wine.dir, `listeners-${n}.json`)
      const stop = join(wine.dir, `listeners-${n}.stop`)
      const opener = wine.start(join(out, 'listeners.js'), [String(n), windowsPath(ready), windowsPath(stop)])
      const opened = await waitForJson<{ error?: string }>(ready, 300_000, () => opener.output().stderr.slice(-500))
      if (opened.error) throw new Error(`the listener process under Wine failed: ${opened.error}`)
      const rounds = roundsFor(n)
      progress(`windows N=${n}: timing the native collector and systeminformation, ${rounds} alternating rounds`)
      const result = join(wine.dir, `bench-${n}.json`)
      // Wine's own GetExtendedTcpTable takes seconds per call at 1,000 sockets: room for it.
      const run = await wine.run(join(out, 'collect-bench.js'), [windowsPath(result), String(rounds)], 3_600_000)
      const bench = await waitForJson<BenchRun>(result, 1000, () => `exit ${run.code}; ${run.stderr.slice(-500)}`)
      writeFileSync(stop, '')
      await new Promise<void>((done) => (opener.child.exitCode !== null ? done() : opener.child.once('exit', () => done())))
      if (!bench.ok) throw new Error(`the bench under Wine failed: ${bench.error}`)
      const medians: Record<string, number> = {}
      for (const [name, values] of Object.entries(bench.samples)) {
        const summary = summarize(values)
        medians[name] = summary.median
        measurements.push({ name: `windows.${name}`, n, unit: 'ms', ...summary })
      }
      notes.push(
        `windows N=${n}: median ratio, full poll: ${ratio(medians['native.full'], medians.systeminformation)}; ` +
          `unchanged poll: ${ratio(medians['native.unchanged'], medians.systeminformation)}; ` +
          `sockets seen: native ${bench.sockets.native}, systeminformation ${bench.sockets.systeminformation}`,
      )
    }
    return { measurements, notes }
  } finally {
    wine.close()
  }
}
