import type { Protocol } from '../../../shared/row'
import type { StoryRegistryRecord } from '../../../shared/story'
import { isRange, isReserved, isUnassigned, portsLabel, type RegistryRecord } from '../record'

/** What the story shows of the registry at a port: gap markers only when nothing else is there. */
export function visibleRecords(records: RegistryRecord[], protocol: Protocol | null): RegistryRecord[] {
  const scoped = protocol === null ? records : records.filter((r) => r.protocol === protocol || r.protocol === null)
  const meaningful = scoped.filter((r) => !isUnassigned(r))
  return meaningful.length > 0 ? meaningful : scoped
}

export const namedRecords = (records: RegistryRecord[]) => records.filter((r) => r.service !== null)
export const reservedRecords = (records: RegistryRecord[]) => records.filter(isReserved)

export function toStoryRecord(record: RegistryRecord, source: number | null): StoryRegistryRecord {
  return {
    service: record.service,
    ports: portsLabel(record),
    protocol: record.protocol,
    description: record.description,
    assignee: record.assignee,
    contact: record.contact,
    registered: record.registered,
    modified: record.modified,
    references: record.references,
    unauthorizedUse: record.unauthorizedUse,
    notes: record.notes,
    origin: record.source,
    source,
  }
}

/** A short human name: the description when it is short, else the service name. */
export function displayName(record: RegistryRecord): string {
  const description = record.description
  if (description && description.length <= 40 && !/^(reserved|unassigned)$/i.test(description)) return description
  return record.service ?? description ?? 'Unassigned'
}

/** "HBCI / RemoteWare Client": every distinct service at the port, in registry order. */
export function nameOfPort(records: RegistryRecord[], range: 'system' | 'user' | 'dynamic'): string {
  const named = namedRecords(records)
  if (named.length > 0) return [...new Set(named.map(displayName))].join(' / ')
  if (reservedRecords(records).length > 0) return 'Reserved'
  return range === 'dynamic' ? 'Dynamic/Private' : 'Unassigned'
}

export function protocolsOf(records: RegistryRecord[]): string {
  const protocols = [...new Set(records.map((r) => r.protocol ?? 'any protocol'))]
  return protocols.join(', ')
}

/** One paragraph per record: "tcp: novation — Novation. Assigned to …". */
export function describeRecord(record: RegistryRecord, cite: string): string {
  const parts: string[] = []
  const head = `${record.protocol ?? 'any protocol'}${isRange(record) ? ` ${portsLabel(record)}` : ''}: ${record.service ?? '(no service name)'}`
  parts.push(record.description ? `${head} — ${record.description}.` : `${head}.`)
  if (record.assignee) parts.push(record.contact && record.contact !== record.assignee ? `Assignee ${record.assignee}; contact ${record.contact}.` : `Assignee ${record.assignee}.`)
  if (record.registered) parts.push(`Registered ${record.registered}.`)
  if (record.modified) parts.push(`Modified ${record.modified}.`)
  if (record.references.length > 0) parts.push(`Reference: ${record.references.map((r) => (r.url ? `${r.text} (${r.url})` : r.text)).join(', ')}.`)
  if (record.serviceCode) parts.push(`Service code ${record.serviceCode}.`)
  if (record.unauthorizedUse) parts.push(`Unauthorized use reported: "${record.unauthorizedUse}".`)
  if (record.notes) parts.push(`Note: ${record.notes}`)
  return `${parts.join(' ')}${cite}`
}
