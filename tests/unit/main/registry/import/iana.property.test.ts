import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeRegistry, encodeRegistry, RegistryFormatError, REGISTRY_FORMAT } from '../../../../../src/main/registry/codec'
import { RegistryImportError } from '../../../../../src/main/registry/import/errors'
import { IANA_CSV_COLUMNS } from '../../../../../src/main/registry/import/csv-row'
import { parseIanaRegistry } from '../../../../../src/main/registry/import/parse'
import { cleanDate, parsePortField } from '../../../../../src/main/registry/import/text'
import { RECORD_SOURCES, type RegistryData } from '../../../../../src/main/registry/record'

const RUNS = { numRuns: 300 }

/** Runs `parse`; it must either return or throw `errorClass` with a one-line message. */
function parsesOrRefuses<T>(parse: () => T, errorClass: new (...args: never[]) => Error): T | null {
  try {
    return parse()
  } catch (error) {
    expect(error).toBeInstanceOf(errorClass)
    expect((error as Error).message).not.toBe('')
    return null
  }
}

const csvCell = fc.oneof(
  fc.string(),
  fc.constantFrom('', '22', '6000-6063', '70000', '5-1', 'tcp', 'udp', 'sctp', 'dccp', 'TCP', 'ipx', '2015-01-01', '2015-01', 'x"y', 'a,b', 'line\nbreak', '[RFC4251]'),
)
const csvRow = fc.array(csvCell, { minLength: 12, maxLength: 12 }).map((cells) => cells.map((c) => `"${c.replaceAll('"', '""')}"`).join(','))
const csvText = fc.tuple(fc.array(csvRow, { maxLength: 6 }), fc.boolean()).map(([rows, cut]) => {
  const text = [IANA_CSV_COLUMNS.join(','), ...rows].join('\r\n')
  return cut ? text.slice(0, Math.floor(text.length / 2)) : text
})

const xmlText = (() => {
  const text = fc.oneof(fc.string(), fc.constantFrom('22', '1-2', 'tcp', 'udp', 'bogus', '2020-02-02', '&amp;', '&bogus;', '<', ']]>'))
  const element = fc.tuple(fc.constantFrom('name', 'protocol', 'number', 'description', 'note', 'sc', 'unauthorized', 'updated', 'xref', 'assignee', 'people', 'person', 'record'), text, fc.constantFrom('', ' type="person" data="x"', ' type="rfc" data="rfc1"', ' date="2020-01-01"', ' id="p"')).map(([tag, body, attrs]) => `<${tag}${attrs}>${body}</${tag}>`)
  const record = fc.array(element, { maxLength: 6 }).map((parts) => `<record>${parts.join('')}</record>`)
  return fc.tuple(fc.array(fc.oneof(record, element), { maxLength: 5 }), fc.boolean(), fc.boolean()).map(([parts, ok, cut]) => {
    const doc = `<?xml version="1.0"?><registry id="${ok ? 'service-names-port-numbers' : 'other'}"><updated>2024-01-01</updated>${parts.join('')}</registry>`
    return cut ? doc.slice(0, Math.floor(doc.length * 0.7)) : doc
  })
})()

describe('IANA importers on arbitrary input', () => {
  // Inputs that once reached fast-xml-parser's own errors (about one property run in six drew one).
  const HOSTILE_XML: Record<string, string> = {
    'unclosed empty tag': '<A/',
    'colon tag': '<:/',
    'unclosed registry': '<registry/',
    'unclosed tag after a DOCTYPE': '<!DOCTYPE x><A/',
    '__proto__ element': '<registry id="service-names-port-numbers"><__proto__><a>1</a></__proto__><updated>2020-01-01</updated></registry>',
    'constructor element': '<registry id="service-names-port-numbers"><updated>2020-01-01</updated><record><constructor>x</constructor></record></registry>',
    'internal entities': '<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><registry id="service-names-port-numbers"><updated>2020-01-01</updated><record><name>&b;</name></record></registry>',
    'external entity': '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><registry id="service-names-port-numbers"><updated>2020-01-01</updated><record><name>&x;</name></record></registry>',
    'parameter entity': '<!DOCTYPE r [<!ENTITY % p SYSTEM "http://127.0.0.1:9/x.dtd"> %p;]><registry/>',
    'nesting over 100': `<registry id="service-names-port-numbers"><updated>2020-01-01</updated>${'<a>'.repeat(150)}x${'</a>'.repeat(150)}</registry>`,
  }

  for (const [what, text] of Object.entries(HOSTILE_XML)) {
    it(`refuses XML with ${what} as RegistryImportError, in one line`, () => {
      let caught: unknown
      try {
        parseIanaRegistry(text, 'hostile')
      } catch (error) {
        caught = error
      }
      expect(caught).toBeInstanceOf(RegistryImportError)
      expect((caught as Error).message).not.toMatch(/\n/)
    })
  }

  it('either read a registry or throw RegistryImportError (CSV, XML, anything else)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), csvText, xmlText, fc.string().map((s) => `Service Name,${s}`), fc.string().map((s) => `<${s}`), fc.tuple(fc.constantFrom('', '<!DOCTYPE x>', '<?xml version="1.0"?>'), fc.stringMatching(/^[A-Za-z_:][\w:.-]{0,8}$/), fc.constantFrom('/', ' ', '/>', '>', '')).map(([head, tag, tail]) => `${head}<${tag}${tail}`)), (text) => {
        const data = parsesOrRefuses(() => parseIanaRegistry(text, 'fuzz'), RegistryImportError)
        if (data === null) return
        for (const r of data.records) {
          if (r.low !== null) expect(r.low >= 0 && r.high !== null && r.high >= r.low && r.high <= 65535).toBe(true)
          expect(r.protocol === null || ['tcp', 'udp', 'sctp', 'dccp'].includes(r.protocol)).toBe(true)
        }
      }),
      RUNS,
    )
  })

  it('port fields: a valid range or a clear error', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.tuple(fc.nat(70_000), fc.nat(70_000)).map(([a, b]) => `${a}-${b}`)), (text) => {
        const range = parsesOrRefuses(() => parsePortField(text), Error)
        if (range) expect(range[0] >= 0 && range[0] <= range[1] && range[1] <= 65535).toBe(true)
      }),
      RUNS,
    )
    fc.assert(fc.property(fc.nat(65535), (port) => {
      expect(parsePortField(String(port))).toEqual([port, port])
    }))
  })

  it('dates: YYYY-MM(-DD) or nothing', () => {
    fc.assert(fc.property(fc.string(), (text) => {
      const date = cleanDate(text)
      if (date !== null) expect(date).toMatch(/^\d{4}-\d{2}(-\d{2})?$/)
    }), RUNS)
  })
})

describe('the stored registry (codec) on arbitrary JSON', () => {
  const cell = fc.oneof(fc.anything(), fc.constantFrom('length', 'constructor', '__proto__', 'toString', 'tcp', 'udp', 0, 1, 2, 65535, 65536, -1, 1.5, null))
  const stored = fc.record({
    format: fc.oneof(fc.constant(REGISTRY_FORMAT), fc.string()),
    source: fc.oneof(fc.string(), fc.anything()),
    asOf: fc.oneof(fc.string(), fc.anything()),
    records: fc.oneof(fc.array(fc.array(cell, { maxLength: 15 }), { maxLength: 5 }), fc.anything()),
  })

  it('decodes or throws RegistryFormatError; what it decodes is well-typed and encodes back the same', () => {
    fc.assert(
      fc.property(fc.oneof(stored, fc.anything()), (json) => {
        const data = parsesOrRefuses(() => decodeRegistry(json), RegistryFormatError)
        if (data === null) return
        for (const r of data.records) expect(RECORD_SOURCES).toContain(r.source)
        expect(decodeRegistry(JSON.parse(JSON.stringify(encodeRegistry(data))))).toEqual(data)
      }),
      RUNS,
    )
  })

  it('round-trips any well-formed registry', () => {
    const text = fc.option(fc.string(), { nil: null })
    const record = fc.record({
      source: fc.constantFrom(...RECORD_SOURCES),
      service: text, low: fc.option(fc.nat(65535), { nil: null }), high: fc.option(fc.nat(65535), { nil: null }),
      protocol: fc.constantFrom(null, 'tcp', 'udp', 'sctp', 'dccp'), description: text, assignee: text, contact: text,
      registered: text, modified: text, references: fc.array(fc.record({ text: fc.string(), url: fc.option(fc.string(), { nil: null }) }), { maxLength: 3 }),
      serviceCode: text, unauthorizedUse: text, notes: text,
    })
    fc.assert(
      fc.property(fc.array(record, { maxLength: 5 }), (records) => {
        const data = { source: 'fuzz', asOf: '2026-01-01', records } as RegistryData
        expect(decodeRegistry(JSON.parse(JSON.stringify(encodeRegistry(data))))).toEqual(data)
      }),
      RUNS,
    )
  })
})
