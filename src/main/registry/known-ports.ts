import knownPorts from '../../../resources/known-ports.json'
import type { Protocol } from '../../shared/row'
import type { StoryOs } from '../../shared/story'

/** Curated "what actually uses this port" data (resources/known-ports.json), in Portolan's own words. */
export interface KnownUse {
  port: number
  protocol: Protocol
  software: string
  category: string
  recognize: string
  url: string
  sourceTitle: string
  /**
   * default: the software's documented default; convention: a number many set-ups choose though the software
   * has no default (WireGuard's 51820); report: a third party's observation, unconfirmed.
   */
  kind: 'default' | 'convention' | 'report'
  platform: StoryOs | null
  /** The IANA service name that stands for this software, when it registered the port. */
  registeredAs: string | null
  note: string | null
}

interface RawKnownUse {
  port: number
  protocol: string
  software: string
  category: string
  recognize: string
  url: string
  sourceTitle: string
  kind?: string
  platform?: string
  registeredAs?: string
  note?: string
}

function normalise(raw: RawKnownUse): KnownUse {
  return {
    port: raw.port,
    protocol: raw.protocol === 'udp' ? 'udp' : 'tcp',
    software: raw.software,
    category: raw.category,
    recognize: raw.recognize,
    url: raw.url,
    sourceTitle: raw.sourceTitle,
    kind: raw.kind === 'report' || raw.kind === 'convention' ? raw.kind : 'default',
    platform: raw.platform === 'linux' || raw.platform === 'macos' || raw.platform === 'windows' ? raw.platform : null,
    registeredAs: raw.registeredAs ?? null,
    note: raw.note ?? null,
  }
}

export const KNOWN_USES: readonly KnownUse[] = (knownPorts.ports as RawKnownUse[]).map(normalise)

const byPort = new Map<number, KnownUse[]>()
for (const use of KNOWN_USES) byPort.set(use.port, [...(byPort.get(use.port) ?? []), use])

export function knownUsesAt(port: number, protocol: Protocol | null = null): KnownUse[] {
  const uses = byPort.get(port) ?? []
  return protocol === null ? uses : uses.filter((use) => use.protocol === protocol)
}
