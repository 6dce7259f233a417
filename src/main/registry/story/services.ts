import { isRange, isReserved, isUnassigned, type RegistryRecord } from '../record'
import { everydayName } from './known-names'

// IANA lists one record per service name and protocol, and keeps aliases as records of their own (80: http,
// www, www-http). A story speaks of services: one per distinct thing, whatever the protocols and aliases.

export interface PortService {
  /** The everyday name ("HTTP"). */
  name: string
  /** IANA's main service name, then its aliases at this port. */
  serviceNames: [string, ...string[]]
  /** Never empty: a service is known by its records. */
  records: [RegistryRecord, ...RegistryRecord[]]
}

/** "This is a duplicate of the "http" service", "This entry is an alias to "whoispp"": the name it stands for. */
export function aliasTarget(record: RegistryRecord): string | null {
  const match = /(?:duplicate of the|alias to|alias of the)\s+"([^"]+)"/i.exec(record.notes ?? '')
  const target = match?.[1]
  return target !== undefined && target !== record.service ? target : null
}

const sameDescription = (a: RegistryRecord, b: RegistryRecord) => (a.description ?? '').toLowerCase() === (b.description ?? '').toLowerCase()

/**
 * Named records grouped into services, in registry order: the same service name on several protocols is one
 * service, and so is a name IANA marks as an alias or duplicate of another listed here.
 */
export function servicesOf(records: readonly RegistryRecord[]): PortService[] {
  const named = records.filter((r) => r.service !== null)
  const byName = new Map<string, RegistryRecord[]>()
  for (const record of named) byName.set(record.service as string, [...(byName.get(record.service as string) ?? []), record])
  const parent = new Map<string, string>()
  for (const [name, list] of byName) {
    const target = list.map(aliasTarget).find((t) => t !== null && byName.has(t))
    if (target) parent.set(name, target)
  }
  const root = (name: string): string => {
    const seen = new Set<string>()
    let current = name
    while (parent.has(current) && !seen.has(current)) {
      seen.add(current)
      current = parent.get(current) as string
    }
    return current
  }
  const groups = new Map<string, string[]>()
  for (const name of byName.keys()) groups.set(root(name), [...(groups.get(root(name)) ?? []), name])
  const services: PortService[] = []
  for (const [main, names] of groups) {
    const ordered: [string, ...string[]] = [main, ...names.filter((n) => n !== main)]
    const own = named.filter((r) => ordered.includes(r.service as string))
    // The same record set under a second name (same protocols, words and assignee) is that service listed twice.
    const twin = services.find((s) => s.records.length === own.length && s.records.every((r, i) => {
      const other = own[i]
      return other !== undefined && r.protocol === other.protocol && sameDescription(r, other) && r.assignee === other.assignee
    }))
    if (twin) {
      twin.serviceNames.push(...ordered)
      twin.records.push(...own)
      continue
    }
    const mainRecords = byName.get(main) ?? []
    const primary = mainRecords.find((r) => r.protocol === 'tcp' || r.protocol === 'udp') ?? mainRecords[0]
    const [first, ...rest] = own
    // Every group's main name is a key of byName (root() only follows names listed there), so both exist.
    if (primary === undefined || first === undefined) continue
    services.push({ name: everydayName(primary), serviceNames: ordered, records: [first, ...rest] })
  }
  return services
}

export const meaningfulRecords = (records: readonly RegistryRecord[]) => records.filter((r) => !isUnassigned(r))
export const reservedRecords = (records: readonly RegistryRecord[]) => records.filter(isReserved)
export const privateUseRecords = (records: readonly RegistryRecord[]) => records.filter((r) => r.service === null && /^any private\b/i.test(r.description ?? ''))
export const rangeRecords = (records: readonly RegistryRecord[]) => records.filter(isRange)

/** Ports a note names ("on port 6003", "Ports 4490 and 4491", "ports 2194-2196"); empty when it names none. */
export function portsNamedIn(text: string): number[] {
  const ports: number[] = []
  for (const match of text.matchAll(/\b(?:ports?|on)\b\s*:?\s*(\d{1,5})(?:\s*(-|and|to|through)\s*(\d{1,5}))?/gi)) {
    const low = Number(match[1])
    const high = match[3] === undefined ? low : Number(match[3])
    if (match[2] === '-' || /^(to|through)$/i.test(match[2] ?? '')) for (let p = low; p <= high && p - low < 1024; p++) ports.push(p)
    else ports.push(low, ...(match[3] === undefined ? [] : [high]))
  }
  return ports
}

/** A range record's note speaks of the whole range unless it names ports, and then only of those. */
export function noteApplies(record: RegistryRecord, text: string, port: number): boolean {
  if (!isRange(record)) return true
  const named = portsNamedIn(text)
  return named.length === 0 || named.includes(port)
}
