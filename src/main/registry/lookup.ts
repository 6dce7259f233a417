import type { Protocol } from '../../shared/row'

/** What the row table needs from the registry: the seam between monitor/ and registry/. */
export interface PortInfo {
  service: string | null
  description: string | null
}

export interface ServiceLookup {
  lookup(port: number, protocol: Protocol): PortInfo
}

export const NO_PORT_INFO: PortInfo = Object.freeze({ service: null, description: null })
