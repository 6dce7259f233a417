// How long loading the bundled registry takes: npx tsx scripts/registry/measure-load.ts
// Mirrors the built main process, where the snapshot is inlined as JSON.parse('…'): parse, decode, index.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { decodeRegistry } from '../../src/main/registry/codec'
import { Registry } from '../../src/main/registry/model'

const text = readFileSync(join(__dirname, '..', '..', 'resources', 'registry', 'snapshot.json'), 'utf8')
const runs: number[] = []
for (let i = 0; i < 5; i++) {
  const started = performance.now()
  const registry = new Registry(decodeRegistry(JSON.parse(text)))
  registry.lookup(443, 'tcp')
  runs.push(performance.now() - started)
}
const sorted = [...runs].sort((a, b) => a - b)
console.log(`snapshot load (parse + decode + index), 5 runs: first ${runs[0]?.toFixed(1)} ms, median ${sorted[2]?.toFixed(1)} ms`)
