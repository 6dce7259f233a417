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

export class CompiledLookup implements ServiceLookup {
  private readonly table: Record<Protocol, Map<number, PortInfo>> = { tcp: new Map(), udp: new Map() }

  constructor(data: CompiledLookupData) {
    if (data.format !== 'portolan-port-names/1') throw new Error(`not a compiled port lookup (format ${JSON.stringify(data.format)})`)
    const text = (at: number): string | null => (at < 0 ? null : (data.strings[at] ?? null))
    for (const protocol of PROTOCOLS) {
      for (const [port, service, description] of data.ports[protocol]) this.table[protocol].set(port, { service: text(service), description: text(description) })
    }
  }

  lookup(port: number, protocol: Protocol): PortInfo {
    return this.table[protocol].get(port) ?? NO_PORT_INFO
  }
}
