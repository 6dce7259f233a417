import type { PortRange } from '../../../shared/row'
import type { StoryRangeScale } from '../../../shared/story'
import { rangeFacts } from '../ranges'
import type { RegistryRecord } from '../record'

const RANGES: readonly [PortRange, number][] = [['system', 0], ['user', 1024], ['dynamic', 49152]]
const cache = new WeakMap<readonly RegistryRecord[], { named: number; ranges: StoryRangeScale[] }>()

/** How many ports the registry names (a service on any protocol), in all and per range; computed once per registry. */
export function registryScale(records: readonly RegistryRecord[]): { named: number; ranges: StoryRangeScale[] } {
  const known = cache.get(records)
  if (known) return known
  const named = new Set<number>()
  for (const record of records) {
    if (record.service === null || record.low === null || record.high === null) continue
    for (let port = record.low; port <= record.high; port++) named.add(port)
  }
  const ranges = RANGES.map(([, first]) => {
    const facts = rangeFacts(first)
    let count = 0
    for (const port of named) if (port >= facts.low && port <= facts.high) count++
    return { ...facts, size: facts.high - facts.low + 1, named: count }
  })
  const scale = { named: named.size, ranges }
  cache.set(records, scale)
  return scale
}
