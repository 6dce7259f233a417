import type { Protocol } from '../../../shared/row'
import type { StoryRegistryRecord } from '../../../shared/story'
import { isRange, isUnassigned, portsLabel, type RegistryRecord } from '../record'
import { noteApplies, privateUseRecords, reservedRecords, servicesOf, type PortService } from './services'

/** What the story shows of the registry at a port: gap markers only when nothing else is there. */
export function visibleRecords(records: RegistryRecord[], protocol: Protocol | null): RegistryRecord[] {
  const scoped = protocol === null ? records : records.filter((r) => r.protocol === protocol || r.protocol === null)
  const meaningful = scoped.filter((r) => !isUnassigned(r))
  return meaningful.length > 0 ? meaningful : scoped
}

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

/** "tcp", "tcp and udp", "tcp, udp and sctp". */
export function listWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('')
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`
}

const protocolName = (r: RegistryRecord) => r.protocol ?? 'any protocol'

/** Records that say the same thing but for their protocol: one line each. */
type Line = [RegistryRecord, ...RegistryRecord[]]

function lines(records: readonly RegistryRecord[]): Line[] {
  const groups = new Map<string, Line>()
  for (const r of records) {
    const key = JSON.stringify([r.service, r.low, r.high, r.description, r.assignee, r.contact, r.registered, r.modified, r.references, r.serviceCode, r.unauthorizedUse, r.notes])
    const group = groups.get(key)
    if (group) group.push(r)
    else groups.set(key, [r])
  }
  return [...groups.values()]
}

const oneLine = (text: string) => text.replace(/\s*\n+\s*/g, ' ')

/** Notes and reports are shown once per story, and a range record's only where they name this port (or none). */
class NoteFilter {
  private readonly shown = new Set<string>()
  constructor(private readonly port: number) {}
  take(record: RegistryRecord, text: string | null): string | null {
    if (!text || !noteApplies(record, text, this.port) || this.shown.has(text)) return null
    this.shown.add(text)
    return text
  }
}

function unauthorizedText(text: string, port: number): string {
  return /^yes$/i.test(text.trim()) ? `unauthorized use of ${port} has been reported to IANA` : `unauthorized use reported: "${oneLine(text)}"`
}

/** One line: "tcp and udp: World Wide Web HTTP. Assignee IESG, contact IETF Chair. Modified 2021-10-01. Reference RFC 9110." */
function describeLine(group: Line, notes: NoteFilter, port: number): string {
  const r = group[0]
  const head = `${listWords(group.map(protocolName))}${isRange(r) ? ` (${portsLabel(r)})` : ''}`
  const parts = [`${head}: ${r.description ? oneLine(r.description) : r.service ?? 'no description'}.`]
  if (r.assignee) parts.push(r.contact && r.contact !== r.assignee ? `Assignee ${r.assignee}, contact ${r.contact}.` : `Assignee ${r.assignee}.`)
  else if (r.contact) parts.push(`Contact ${r.contact}.`)
  if (r.registered) parts.push(`Registered ${r.registered}.`)
  if (r.modified) parts.push(`Modified ${r.modified}.`)
  if (r.references.length > 0) parts.push(`Reference ${listWords(r.references.map((ref) => ref.text))}.`)
  if (r.serviceCode) parts.push(`Service code ${r.serviceCode}.`)
  const unauthorized = notes.take(r, r.unauthorizedUse)
  if (unauthorized) parts.push(`${capitalise(unauthorizedText(unauthorized, port))}.`)
  const note = notes.take(r, r.notes)
  if (note) parts.push(`Note: ${oneLine(note)}${/[.!?"]$/.test(note) ? '' : '.'}`)
  return parts.join(' ')
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

function serviceParagraph(service: PortService, notes: NoteFilter, port: number, cite: string): string {
  const [main, ...aliases] = service.serviceNames
  const own = service.records.filter((r) => r.service === main)
  const head = service.name.toLowerCase() === main.toLowerCase() ? main : `${service.name} (IANA name ${main})`
  const text = [`${head} — ${lines(own).map((g) => describeLine(g, notes, port)).join(' ')}`]
  if (aliases.length > 0) {
    const others = service.records.filter((r) => r.service !== main)
    const otherAssignees = [...new Set(others.map((r) => r.assignee).filter((a): a is string => a !== null && !own.some((o) => o.assignee === a)))]
    text.push(`Also listed as ${listWords(aliases)}, the same service under another name${otherAssignees.length > 0 ? ` (assigned to ${listWords(otherAssignees)})` : ''}.`)
    for (const r of others) notes.take(r, r.notes)
  }
  return `${text.join(' ')}${cite}`
}

/** The registry section: a paragraph per service, then reservations and gaps, each fact once. */
export function registryParagraphs(records: RegistryRecord[], port: number, cite: string): string[] {
  const notes = new NoteFilter(port)
  const paragraphs = servicesOf(records).map((service) => serviceParagraph(service, notes, port, cite))
  const unnamed = records.filter((r) => r.service === null)
  for (const group of lines(unnamed)) paragraphs.push(`${describeLine(group, notes, port)}${cite}`)
  return paragraphs
}

export { privateUseRecords, reservedRecords }
