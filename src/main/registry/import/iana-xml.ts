import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { errorText } from '../../../shared/error-text'
import { resolvePerson, withoutEmails, type PeopleTable } from '../people'
import { isTransport, type Reference, type RegistryData, type RegistryRecord } from '../record'
import { referenceFromToken } from '../references'
import { oneLine } from '../../../shared/validate'
import { RegistryImportError } from './errors'
import { inlineText } from './inline-xml'
import { cleanDate, cleanText, parsePortField } from './text'

// IANA's XML: <registry id="service-names-port-numbers"> with <record>s, registry-wide <footnote>s and a
// <people> table that turns person ids into names (its mailto: URIs are never read).

type XmlNode = string | { [key: string]: XmlNode | XmlNode[] | undefined }
interface XmlXref {
  '@_type'?: string
  '@_data'?: string
  '#text'?: string
}
/** description, note and unauthorized are stop nodes: their raw inner XML, rendered by inlineText. */
interface XmlRecord {
  '@_date'?: string
  '@_updated'?: string
  name?: XmlNode
  protocol?: XmlNode
  description?: string
  number?: XmlNode
  xref?: XmlXref[]
  assignee?: { xref?: XmlXref[] }
  note?: string
  sc?: XmlNode
  unauthorized?: string
}
interface XmlFootnote {
  '@_anchor'?: string
  '#text'?: string
}
interface XmlPerson {
  '@_id'?: string
  name?: XmlNode
  org?: XmlNode
}
interface XmlRegistry {
  '@_id'?: string
  updated?: XmlNode
  record?: XmlRecord[]
  footnote?: (XmlFootnote | string)[]
  people?: { person?: XmlPerson[] }
}

const ARRAYS = new Set(['registry.record', 'registry.record.xref', 'registry.record.assignee.xref', 'registry.people.person', 'registry.footnote'])
const MIXED_CONTENT = ['registry.record.description', 'registry.record.note', 'registry.record.unauthorized']

/** Registry-wide footnotes ("[1]" in the CSV), by anchor: a record's <xref type="note" data="1"/> points here. */
type Footnotes = ReadonlyMap<string, string>

/** All the text inside a node, attributes left out (descriptions and notes may hold <paragraph>s). */
function textOf(node: XmlNode | XmlNode[] | undefined): string {
  if (node === undefined) return ''
  if (typeof node === 'string') return node
  if (Array.isArray(node)) return node.map(textOf).join(' ')
  return Object.entries(node)
    .filter(([key]) => !key.startsWith('@_'))
    .map(([, value]) => textOf(value))
    .join(' ')
}

function peopleTable(people: XmlPerson[]): PeopleTable {
  const table = new Map<string, string>()
  for (const person of people) {
    const id = person['@_id']
    const name = cleanText(textOf(person.name)) ?? cleanText(textOf(person.org))
    if (id && name) table.set(id, name)
  }
  return table
}

function footnotesOf(footnotes: (XmlFootnote | string)[]): Footnotes {
  const table = new Map<string, string>()
  for (const footnote of footnotes) {
    if (typeof footnote === 'string') continue
    const anchor = footnote['@_anchor']
    const text = cleanText(footnote['#text'])
    if (anchor && text) table.set(anchor, text)
  }
  return table
}

/** The record's own citations (RFCs, drafts, URIs, free text), in IANA's order; person xrefs are people, not sources. */
function referencesOf(xrefs: XmlXref[]): Reference[] {
  const refs: Reference[] = []
  for (const xref of xrefs) {
    const type = xref['@_type']
    const data = xref['@_data']?.trim()
    const label = cleanText(xref['#text']) ?? undefined
    if ((type === 'rfc' || type === 'draft' || type === 'uri') && data) refs.push(referenceFromToken(data, label))
    else if (type === 'text' && label) refs.push({ text: withoutEmails(label), url: null })
  }
  return refs
}

/** The record's note, then any registry footnote it points to (IANA prints those below the table). */
function notesOf(xml: XmlRecord, people: PeopleTable, footnotes: Footnotes): string | null {
  const own = inlineText(xml.note, people)
  const pointed = (xml.xref ?? []).filter((x) => x['@_type'] === 'note' && x['@_data']).map((x) => footnotes.get(String(x['@_data'])))
  const parts = [own, ...pointed].filter((text): text is string => typeof text === 'string' && text !== '')
  return parts.length > 0 ? [...new Set(parts)].join('\n\n') : null
}

function recordOf(xml: XmlRecord, people: PeopleTable, footnotes: Footnotes, index: number): RegistryRecord {
  const persons = (xrefs: XmlXref[] | undefined) =>
    (xrefs ?? []).filter((x) => x['@_type'] === 'person' && x['@_data']).map((x) => resolvePerson(x['@_data'] as string, people))
  const contacts = persons(xml.xref)
  const assignees = persons(xml.assignee?.xref)
  const protocol = cleanText(textOf(xml.protocol))?.toLowerCase() ?? null
  if (protocol !== null && !isTransport(protocol)) throw new RegistryImportError(`XML record ${index + 1}: unknown protocol "${protocol}"`)
  let ports: [number, number] | null
  try {
    ports = parsePortField(textOf(xml.number))
  } catch (error) {
    throw new RegistryImportError(`XML record ${index + 1}: ${(error as Error).message}`)
  }
  // Without an <assignee> element the one person listed is both assignee and contact, as in IANA's CSV.
  const assignee = assignees.length > 0 ? assignees : contacts
  return {
    service: cleanText(textOf(xml.name)),
    low: ports?.[0] ?? null,
    high: ports?.[1] ?? null,
    protocol,
    description: inlineText(xml.description, people),
    assignee: assignee.length > 0 ? [...new Set(assignee)].join(', ') : null,
    contact: contacts.length > 0 ? [...new Set(contacts)].join(', ') : null,
    registered: cleanDate(xml['@_date']),
    modified: cleanDate(xml['@_updated']),
    references: referencesOf(xml.xref ?? []),
    serviceCode: cleanText(textOf(xml.sc)),
    unauthorizedUse: inlineText(xml.unauthorized, people),
    notes: notesOf(xml, people, footnotes),
    source: 'iana',
  }
}

/** IANA's registry nests four levels deep; anything far deeper is not it. */
const MAX_NESTING = 100

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  maxNestedTags: MAX_NESTING,
  strictReservedNames: true,
  isArray: (_name, jpath) => ARRAYS.has(String(jpath)),
  stopNodes: MIXED_CONTENT,
})

/**
 * fast-xml-parser, made safe for a file from anywhere: no DOCTYPE (so no entity declarations, external or
 * parameter entities; IANA's file has none), bounded nesting, reserved names such as __proto__ refused, and
 * every error of the parser's own turned into a RegistryImportError.
 */
function parseDocument(text: string): { registry?: XmlRegistry } {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) {
    throw new RegistryImportError("the XML declares a DOCTYPE or entities, which IANA's registry never does")
  }
  const valid = XMLValidator.validate(text)
  if (valid !== true) {
    throw new RegistryImportError(`the XML is malformed or truncated (line ${valid.err.line}: ${oneLine(valid.err.msg)})`)
  }
  let document: unknown
  try {
    document = parser.parse(text)
  } catch (error) {
    throw new RegistryImportError(`the XML cannot be read: ${oneLine(errorText(error))}`)
  }
  return typeof document === 'object' && document !== null ? document : {}
}

export function parseIanaXml(text: string, origin: string): RegistryData {
  const document = parseDocument(text)
  const registry = document.registry
  if (!registry || registry['@_id'] !== 'service-names-port-numbers') {
    throw new RegistryImportError('not IANA\'s port registry XML: no <registry id="service-names-port-numbers"> element')
  }
  const asOf = cleanDate(textOf(registry.updated))
  if (!asOf) throw new RegistryImportError('the XML has no <updated> date')
  const people = peopleTable(registry.people?.person ?? [])
  const footnotes = footnotesOf(registry.footnote ?? [])
  const records = (registry.record ?? []).map((record, index) => recordOf(record, people, footnotes, index))
  return { source: `IANA XML (${origin})`, asOf, records, people }
}
