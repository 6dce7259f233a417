import type { Protocol } from '../../shared/row'
import { NO_PORT_INFO, type PortInfo, type ServiceLookup } from './lookup'

const PROTOCOLS: readonly Protocol[] = ['tcp', 'udp']
const PORT_COUNT = 65536

/**
 * A registry's answers to the row table's join, written out for every port: `strings` holds each distinct
 * service name and description once; `ports[protocol]` lists [port, service index, description index]
 * (-1 for none). Built from the full registry at build time; read by one-shot commands, which then need
 * neither the registry's records nor their decoding.
 */
export interface CompiledLookupData {
  format: 'portolan-port-names/1'
  source: string
  asOf: string
  strings: string[]
  ports: Record<Protocol, [number, number, number][]>
}

export function compileLookup(registry: ServiceLookup & { source: string; asOf: string }): CompiledLookupData {
  const strings: string[] = []
  const index = new Map<string, number>()
  const intern = (text: string | null): number => {
    if (text === null) return -1
    let at = index.get(text)
    if (at === undefined) {
      at = strings.push(text) - 1
      index.set(text, at)
    }
    return at
  }
  const ports = { tcp: [], udp: [] } as Record<Protocol, [number, number, number][]>
  for (const protocol of PROTOCOLS) {
    for (let port = 0; port < PORT_COUNT; port++) {
      const info = registry.lookup(port, protocol)
      if (info.service !== null || info.description !== null) ports[protocol].push([port, intern(info.service), intern(info.description)])
    }
  }
  return { format: 'portolan-port-names/1', source: registry.source, asOf: registry.asOf, strings, ports }
}

/** Answers by binary search in the compiled lists (sorted by port): nothing to build when a command starts. */
export class CompiledLookup implements ServiceLookup {
  constructor(private readonly data: CompiledLookupData) {
    if (data.format !== 'portolan-port-names/1') throw new Error(`not a compiled port lookup (format ${JSON.stringify(data.format)})`)
  }

  lookup(port: number, protocol: Protocol): PortInfo {
    const list = this.data.ports[protocol]
    let lo = 0
    let hi = list.length - 1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      const entry = list[mid]
      if (!entry) break
      if (entry[0] === port) return { service: this.text(entry[1]), description: this.text(entry[2]) }
      if (entry[0] < port) lo = mid + 1
      else hi = mid - 1
    }
    return NO_PORT_INFO
  }

  private text(at: number): string | null {
    return at < 0 ? null : (this.data.strings[at] ?? null)
  }
}
