// Run by node.exe under Wine for the Windows bench: the native collector (IP Helper tables and owners) and
// systeminformation's Windows path, in alternating rounds, each timed on the same machine state.
// Writes {samples, sockets} as JSON to argv[2]; argv[3] rounds.
import { writeFileSync } from 'node:fs'
import si from 'systeminformation'
import { IpHelperReader } from '../../src/main/monitor/windows/ip-helper-reader'

async function main(): Promise<void> {
  const [, , out, roundsText] = process.argv
  if (out === undefined) throw new Error('usage: collect-bench.js <result.json> <rounds>')
  const rounds = Number(roundsText)
  const samples = { 'native.full': [] as number[], 'native.unchanged': [] as number[], systeminformation: [] as number[] }
  const sockets: Record<string, number> = {}
  const steady = new IpHelperReader()
  steady.collect(false)
  for (let round = 0; round < rounds + 1; round++) {
    // A fresh reader pays for everything: the four tables, the process snapshot and the owners' details.
    let t = performance.now()
    const full = new IpHelperReader().collect(false)
    const fullMs = performance.now() - t
    // The steady state of a running monitor: the tables unchanged since the last poll.
    t = performance.now()
    steady.collect(false)
    const unchangedMs = performance.now() - t
    t = performance.now()
    const rows = await si.networkConnections()
    const siMs = performance.now() - t
    if (round < 1) continue // warm-up
    samples['native.full'].push(fullMs)
    samples['native.unchanged'].push(unchangedMs)
    samples.systeminformation.push(siMs)
    sockets.native = full.records.length
    sockets.systeminformation = rows.length
  }
  writeFileSync(out, JSON.stringify({ ok: true, samples, sockets }))
}

main().catch((error: unknown) => {
  const out = process.argv[2]
  if (out === undefined) throw error
  writeFileSync(out, JSON.stringify({ ok: false, error: error instanceof Error ? error.stack : String(error) }))
})
