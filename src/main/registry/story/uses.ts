import type { PortRange } from '../../../shared/row'
import type { PortLabel, StoryOs, StoryUse } from '../../../shared/story'
import type { KnownUse } from '../known-ports'
import type { RegistryRecord } from '../record'
import { everydayName } from './known-names'

/** How an everyday use stands against the registry: the heart of a good story (DESIGN.md). */
export function contrastWithRegistry(use: KnownUse, records: RegistryRecord[], range: PortRange): string | null {
  const here = records.filter((r) => r.protocol === use.protocol || r.protocol === null)
  const registered = use.registeredAs ? here.find((r) => r.service === use.registeredAs) : undefined
  if (registered) {
    const when = registered.registered ? `, registered ${registered.registered}` : ''
    return `Matches the registry: IANA lists ${use.port}/${use.protocol} as ${registered.service}${when}.`
  }
  const named = here.filter((r) => r.service !== null)
  if (named.length > 0) {
    // Stated, not judged: IANA's name may be another protocol (6006: X11) or the very thing in use (8080: HTTP).
    const names = [...new Set(named.map(registryLabel))]
    return `IANA lists ${use.port}/${use.protocol} as ${names.join(' and ')}.`
  }
  if (range === 'dynamic') return 'IANA never assigns dynamic ports: this is a convention, not a registration.'
  return `IANA has not assigned ${use.port}/${use.protocol}: this is a convention, not a registration.`
}

export function labelUse(label: PortLabel): StoryUse {
  return { software: label.label, protocol: label.protocol, recognize: null, kind: 'label', platform: null, contrast: null, note: label.note, source: null, userLabel: true }
}

export function knownUse(use: KnownUse, records: RegistryRecord[], range: PortRange, source: number): StoryUse {
  return {
    software: use.software,
    protocol: use.protocol,
    recognize: use.recognize,
    kind: use.kind,
    platform: use.platform,
    contrast: use.kind === 'report' ? null : contrastWithRegistry(use, records, range),
    note: use.note,
    source,
    userLabel: false,
  }
}

/** "Next.js (next dev, next start)" → "Next.js": short enough for a tagline. */
export function shortSoftware(software: string): string {
  return software.replace(/\s*\([^)]*\)\s*/g, ' ').trim()
}

/**
 * Uses that hold on this machine's OS first, then those of other systems (AirPlay on 5000 is a macOS use);
 * otherwise in curated order.
 */
export function rankUses<T extends { platform: StoryOs | null }>(uses: readonly T[], os: StoryOs): T[] {
  const here = (u: T) => (u.platform === null || u.platform === os ? 0 : 1)
  return uses.map((use, i) => ({ use, i })).sort((a, b) => here(a.use) - here(b.use) || a.i - b.i).map(({ use }) => use)
}

/** "hbci (HBCI)", "x11 (X11, 6000-6063)", or just "commplex-main" when that is all there is. */
function registryLabel(record: RegistryRecord): string {
  const details = [everydayName(record), record.low !== record.high ? `${record.low}-${record.high}` : null].filter((d) => d !== null && d !== record.service)
  return details.length > 0 ? `${record.service} (${details.join(', ')})` : `${record.service}`
}
