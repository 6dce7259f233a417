import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { XMLParser } from 'fast-xml-parser'
import { describe, expect, it } from 'vitest'
import { type RegistryRecord } from '../../../../src/main/registry/record'
import { bundledRegistryData } from '../../../../src/main/registry/snapshot'

// The bundled snapshot against IANA's XML, read here on its own terms: fast-xml-parser in document order
// (preserveOrder), a plain walk over the nodes, none of the importer's code. Every record, every field.

const ROOT = join(__dirname, '../../../..')
const XML_PATH = join(ROOT, 'resources/iana/service-names-port-numbers.xml')
const META = JSON.parse(readFileSync(join(ROOT, 'resources/iana/service-names-port-numbers.json'), 'utf8')) as { updated: string; sha256: string; records: number }
const xmlBytes = readFileSync(XML_PATH)

type OrderedNode = { [tag: string]: OrderedNode[] | string | Record<string, string> | undefined; ':@'?: Record<string, string> }
const tagOf = (node: OrderedNode) => Object.keys(node).find((k) => k !== ':@') as string
const childrenOf = (node: OrderedNode) => (node[tagOf(node)] as OrderedNode[] | undefined) ?? []
const attrs = (node: OrderedNode) => node[':@'] ?? {}
const children = (node: OrderedNode | undefined, tag: string) => (node ? childrenOf(node).filter((c) => tagOf(c) === tag) : [])
const child = (node: OrderedNode, tag: string) => children(node, tag)[0]

const doc = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', parseTagValue: false, parseAttributeValue: false, trimValues: false }).parse(xmlBytes.toString('utf8')) as OrderedNode[]
const registry = doc.find((n) => tagOf(n) === 'registry') as OrderedNode

/** Plain text of a node (entities already decoded by the parser). */
function plain(node: OrderedNode | undefined): string {
  if (!node) return ''
  return childrenOf(node).map((c) => (tagOf(c) === '#text' ? textOf(c) : plain(c))).join('')
}
/** A #text node's string (the parser keeps text as strings: parseTagValue is off). */
const textOf = (node: OrderedNode): string => (typeof node['#text'] === 'string' ? node['#text'] : '')
const squash = (text: string) => text.replace(/\s+/g, ' ').trim()

const people = new Map<string, string>()
for (const person of children(child(registry, 'people'), 'person')) {
  const name = squash(plain(child(person, 'name'))) || squash(plain(child(person, 'org')))
  const { id } = attrs(person)
  if (id && name) people.set(id, name)
}
/** A person without a name in IANA's table reads as the id's own spelling (documented: 14 such ids). */
const personName = (id: string) => people.get(id) ?? (id.replace(/_\d+$/, '').replace(/_+/g, ' ').trim() || id)

const footnotes = new Map(children(registry, 'footnote').map((f) => [attrs(f).anchor, squash(plain(f))]))

// Documented exception: e-mail addresses are personal data and never kept (one note at 126, one text reference).
const ADDRESS = /\s*<?[\w.+-]+[@&][\w-]+(?:\.[\w-]+)+>?/g
const withoutAddresses = (text: string) => text.replace(ADDRESS, '').replace(/ {2,}/g, ' ').trim()

function rfcText(data: string) {
  const n = Number(/^rfc(\d+)$/i.exec(data)?.[1])
  return { text: `RFC ${n}`, url: `https://www.rfc-editor.org/rfc/rfc${n}.html` }
}

/** Mixed content as IANA shows it: wraps are spaces, <br/> a line break, <paragraph> a blank line, xrefs their words. */
function mixed(node: OrderedNode | undefined): string | null {
  if (!node) return null
  let out = ''
  const walk = (n: OrderedNode) => {
    for (const c of childrenOf(n)) {
      const tag = tagOf(c)
      if (tag === '#text') out += textOf(c).replace(/\s+/g, ' ')
      else if (tag === 'br') out += '\n'
      else if (tag === 'paragraph') {
        out += '\n\n'
        walk(c)
        out += '\n\n'
      } else if (tag === 'xref') {
        const { type, data = '' } = attrs(c)
        const label = squash(plain(c))
        if (type === 'person') out += personName(data)
        else if (type === 'rfc') out += label || rfcText(data).text
        else if (type === 'uri') out += label && label !== data ? `${label} (${data})` : data
        else out += label || data
      } else walk(c)
    }
  }
  walk(node)
  const text = out.split('\n').map((line) => withoutAddresses(line.replace(/ {2,}/g, ' ').trim())).join('\n').replace(/\n{3,}/g, '\n\n').trim()
  return text || null
}

function references(record: OrderedNode): { text: string; url: string | null }[] {
  return children(record, 'xref').flatMap((x): { text: string; url: string | null }[] => {
    const { type, data = '' } = attrs(x)
    const label = squash(plain(x))
    if (type === 'rfc') return [rfcText(data)]
    if (type === 'draft') return [{ text: label || data, url: `https://datatracker.ietf.org/doc/draft-${data.replace(/^(RFC-|draft-)/i, '').replace(/-\d+$/, '')}/` }]
    if (type === 'uri') return [{ text: label || data, url: new URL(data).href }]
    if (type === 'text') return [{ text: withoutAddresses(label), url: null }]
    return []
  })
}

interface Expected {
  service: string | null
  protocol: string | null
  /** First and last port ("4748-4748" and "4748" are the same port), [] for a name-only row. */
  ports: number[]
  description: string | null
  assignee: string | null
  contact: string | null
  registered: string | null
  modified: string | null
  references: { text: string; url: string | null }[]
  serviceCode: string | null
  unauthorizedUse: string | null
  notes: string | null
}

const orNull = (text: string) => text || null
const portsOf = (text: string) => (text === '' ? [] : text.includes('-') ? text.split('-').map(Number) : [Number(text), Number(text)])
const names = (ids: string[]) => orNull([...new Set(ids.map(personName))].join(', '))

function expectedOf(record: OrderedNode): Expected {
  const contacts = children(record, 'xref').filter((x) => attrs(x).type === 'person').flatMap((x) => attrs(x).data ?? [])
  const assignees = children(child(record, 'assignee'), 'xref').flatMap((x) => attrs(x).data ?? [])
  const pointed = children(record, 'xref').filter((x) => attrs(x).type === 'note').map((x) => footnotes.get(attrs(x).data) ?? '')
  const notes = [mixed(child(record, 'note')), ...pointed].filter((t): t is string => !!t)
  return {
    service: orNull(squash(plain(child(record, 'name')))),
    protocol: orNull(squash(plain(child(record, 'protocol'))).toLowerCase()),
    ports: portsOf(squash(plain(child(record, 'number')))),
    description: mixed(child(record, 'description')),
    // IANA's CSV shows the one listed person as both assignee and contact when there is no <assignee>.
    assignee: names(assignees.length > 0 ? assignees : contacts),
    contact: names(contacts),
    registered: attrs(record).date ?? null,
    modified: attrs(record).updated ?? null,
    references: references(record),
    serviceCode: orNull(squash(plain(child(record, 'sc')))),
    unauthorizedUse: mixed(child(record, 'unauthorized')),
    notes: notes.length > 0 ? [...new Set(notes)].join('\n\n') : null,
  }
}

const actualOf = (r: RegistryRecord): Expected => ({
  service: r.service,
  protocol: r.protocol,
  ports: r.low === null ? [] : [r.low, r.high ?? r.low],
  description: r.description,
  assignee: r.assignee,
  contact: r.contact,
  registered: r.registered,
  modified: r.modified,
  references: r.references,
  serviceCode: r.serviceCode,
  unauthorizedUse: r.unauthorizedUse,
  notes: r.notes,
})

describe("the bundled registry is IANA's, exactly", () => {
  const bundled = bundledRegistryData()
  const xmlRecords = children(registry, 'record')

  it('the XML in resources/iana is the one its description names', () => {
    expect(createHash('sha256').update(xmlBytes).digest('hex')).toBe(META.sha256)
    expect(squash(plain(child(registry, 'updated')))).toBe(META.updated)
    expect(xmlRecords.length).toBe(META.records)
  })

  it("carries IANA's date and says it is bundled", () => {
    expect(bundled.asOf).toBe(META.updated)
    expect(bundled.bundled).toBe(true)
    expect(bundled.records.length).toBe(xmlRecords.length)
  })

  it('matches every record field by field (mismatch rate 0)', () => {
    const mismatches: string[] = []
    const fields = new Map<string, number>()
    xmlRecords.forEach((xml, i) => {
      const expected = expectedOf(xml)
      const record = bundled.records[i]
      if (!record) {
        mismatches.push(`record ${i + 1} (${expected.service ?? expected.description}) is missing from the bundle`)
        return
      }
      const actual = actualOf(record)
      for (const key of Object.keys(expected) as (keyof Expected)[]) {
        if (JSON.stringify(expected[key]) === JSON.stringify(actual[key])) continue
        fields.set(key, (fields.get(key) ?? 0) + 1)
        if (mismatches.length < 20) mismatches.push(`record ${i + 1} (${expected.service ?? expected.description} ${expected.ports.join('-')}/${expected.protocol}) ${key}: IANA ${JSON.stringify(expected[key])}, bundled ${JSON.stringify(actual[key])}`)
      }
    })
    const bad = new Set(mismatches.map((m) => m.split(' ')[1])).size
    console.log(`bundled vs IANA XML: ${xmlRecords.length} records × 12 fields, ${[...fields.values()].reduce((a, b) => a + b, 0)} field mismatches${fields.size ? ` (${[...fields].map(([k, n]) => `${k} ${n}`).join(', ')})` : ''}`)
    expect(mismatches, `${bad}+ records differ`).toEqual([])
  })

  it('the fields the issue named read as IANA wrote them', () => {
    const at = (port: number, protocol: string) => bundled.records.filter((r) => r.low !== null && r.low <= port && port <= (r.high ?? r.low) && (r.protocol === protocol || r.protocol === null))
    expect(at(63, 'tcp')[0]?.description).toBe('whois++\n\nIANA assigned this well-formed service name as a replacement for "whois++".')
    expect(at(2, 'tcp')[0]?.notes).toBe('De-assigned on 2025-02-13, previously compressnet by Bernie Volz')
    expect(at(27017, 'tcp')[0]).toMatchObject({ service: 'mongodb', registered: '2019-02-21', assignee: 'MongoDB, Inc.', contact: 'Akshay Kumar' })
    expect(at(8010, 'tcp').map((r) => [r.service, r.description, r.modified])).toEqual([[null, 'Reserved', '2018-01-09']])
    expect(at(861, 'udp').map((r) => r.service)).toEqual(['owamp-test'])
    expect(at(80, 'tcp').find((r) => r.service === 'www-http')?.assignee).toBe('Tim Berners-Lee')
    for (const r of bundled.records) expect(`${r.assignee} ${r.contact} ${r.notes}`).not.toMatch(/mailto:|[\w.+-]+[@&][\w-]+\.[a-z]{2,}/i)
  })
})
