import type { RegistryInfo } from '../../shared/ipc'
import type { Protocol } from '../../shared/row'
import { KNOWN_USES } from './known-ports'
import { NO_PORT_INFO, type PortInfo, type ServiceLookup } from './lookup'
import { coversPort, isRange, isReserved, isUnassigned, type RegistryData, type RegistryRecord, type Transport } from './record'
import { registrySentence } from './source-sentence'

export type { RegistryInfo }

const PORT_COUNT = 65536

/**
 * Every record of the registry, indexed: single ports by number (constant time), ranges sorted by first
 * port (binary search), and the monitor's join remembered per tcp/udp port.
 */
export class Registry implements ServiceLookup {
  readonly source: string
  readonly asOf: string
  readonly records: readonly RegistryRecord[]
  readonly people: ReadonlyMap<string, string>
  readonly bundled: boolean
  readonly importedAt: string | null
  private readonly singles = new Map<number, RegistryRecord[]>()
  /** Range records sorted by low, with the running maximum of high so overlapping ranges are all found. */
  private readonly ranges: RegistryRecord[]
  private readonly maxHighUpTo: number[]
  /** Answers already given, per protocol and port. */
  private readonly joined: Record<Protocol, (PortInfo | undefined)[]>
  private byServiceCache: Map<string, RegistryRecord[]> | null = null

  constructor(data: RegistryData) {
    this.source = data.source
    this.asOf = data.asOf
    this.records = data.records
    this.people = data.people ?? new Map()
    this.bundled = data.bundled === true
    this.importedAt = data.importedAt ?? null
    const ranges: RegistryRecord[] = []
    for (const record of data.records) {
      if (record.low === null) continue
      if (isRange(record)) ranges.push(record)
      else {
        const list = this.singles.get(record.low)
        if (list) list.push(record)
        else this.singles.set(record.low, [record])
      }
    }
    this.ranges = ranges.sort((a, b) => (a.low ?? 0) - (b.low ?? 0))
    let max = -1
    this.maxHighUpTo = this.ranges.map((r) => (max = Math.max(max, r.high ?? -1)))
    this.joined = { tcp: new Array<PortInfo | undefined>(PORT_COUNT), udp: new Array<PortInfo | undefined>(PORT_COUNT) }
  }

  /** The row table's join, on every poll: a hash lookup (or one binary search) the first time, an array read after. */
  lookup(port: number, protocol: Protocol): PortInfo {
    const memo = this.joined[protocol]
    return memo[port] ?? (memo[port] = this.join(port, protocol))
  }

  /** Every record that covers the port, single-port rows first, in registry order; optionally one protocol. */
  recordsAt(port: number, protocol: Transport | null = null): RegistryRecord[] {
    const found = [...(this.singles.get(port) ?? []), ...this.rangesAt(port)]
    return protocol === null ? found : found.filter((r) => r.protocol === protocol || r.protocol === null)
  }

  /** Ranges that contain the port: binary search for the last range starting at or before it, then walk back. */
  rangesAt(port: number): RegistryRecord[] {
    let lo = 0
    let hi = this.ranges.length - 1
    let last = -1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      if ((this.ranges[mid]?.low ?? 0) <= port) {
        last = mid
        lo = mid + 1
      } else hi = mid - 1
    }
    const found: RegistryRecord[] = []
    for (let i = last; i >= 0; i--) {
      const range = this.ranges[i]
      if (range === undefined || (this.maxHighUpTo[i] ?? -1) < port) break
      if (coversPort(range, port)) found.push(range)
    }
    return found.reverse()
  }

  recordsNamed(service: string): RegistryRecord[] {
    if (!this.byServiceCache) {
      this.byServiceCache = new Map()
      for (const record of this.records) {
        if (record.service) this.byServiceCache.set(record.service, [...(this.byServiceCache.get(record.service) ?? []), record])
      }
    }
    return this.byServiceCache.get(service) ?? []
  }

  info(): RegistryInfo {
    const covered = new Set<number>()
    for (const record of this.records) {
      if (record.low === null || record.high === null || isUnassigned(record)) continue
      for (let port = record.low; port <= record.high; port++) covered.add(port)
    }
    return {
      source: this.source,
      asOf: this.asOf,
      records: this.records.length,
      ports: covered.size,
      date: this.asOf,
      description: registrySentence(this),
      bundled: this.bundled,
      importedAt: this.importedAt,
      curatedPorts: new Set(KNOWN_USES.map((use) => use.port)).size,
    }
  }

  /** Single-port rows beat ranges, named services beat reservations, earlier rows beat later ones. */
  private join(port: number, protocol: Protocol): PortInfo {
    let best: RegistryRecord | null = null
    const rank = (r: RegistryRecord) => (r.service !== null ? 0 : 2) + (isRange(r) ? 1 : 0)
    for (const record of this.recordsAt(port, protocol)) {
      if (isUnassigned(record) || (record.service === null && !isReserved(record))) continue
      if (best === null || rank(record) < rank(best)) best = record
    }
    return best ? Object.freeze({ service: best.service, description: best.description }) : NO_PORT_INFO
  }
}
