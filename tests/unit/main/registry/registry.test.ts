import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { KNOWN_USES } from '../../../../src/main/registry/known-ports'
import { Registry } from '../../../../src/main/registry/model'
import { nameFromPersonId, resolvePeopleField } from '../../../../src/main/registry/people'
import { ephemeralRange, parsePortRangeFile, rangeFacts } from '../../../../src/main/registry/ranges'
import { referencesFromField } from '../../../../src/main/registry/references'
import { bundledRegistryData } from '../../../../src/main/registry/snapshot'
import { loadActiveRegistry, userRegistryPath } from '../../../../src/main/registry/store'

describe('the bundled snapshot', () => {
  const registry = new Registry(bundledRegistryData())

  it("is IANA's XML in resources/iana, with its date", () => {
    expect(registry.source).toMatch(/^IANA XML, resources\/iana\/service-names-port-numbers\.xml \(sha256 [0-9a-f]{12}\)$/)
    expect(registry.bundled).toBe(true)
    expect(registry.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect(registry.info().records).toBeGreaterThan(14_000)
  })

  it('has every record from IANA, including those registered after 2015', () => {
    const ollama = registry.recordsAt(11434, 'tcp')[0]
    expect(ollama).toMatchObject({ service: 'ollama', source: 'iana', assignee: 'Jesse Gross', registered: '2025-09-26' })
    const redis = registry.recordsAt(6379, 'tcp')[0]
    expect(redis).toMatchObject({ service: 'redis', registered: '2015-04-23', source: 'iana' })
    expect(registry.recordsAt(2, 'tcp').map((r) => [r.description, r.notes])).toEqual([['Reserved', 'De-assigned on 2025-02-13, previously compressnet by Bernie Volz']])
  })

  it('keeps ranges, name-only rows, every transport and references', () => {
    expect(registry.lookup(6042, 'udp').service).toBe('x11')
    expect(registry.recordsNamed('argus')[0]).toMatchObject({ low: null })
    expect(new Set(registry.records.map((r) => r.protocol))).toEqual(new Set(['tcp', 'udp', 'sctp', 'dccp', null]))
    expect(registry.recordsAt(21, 'tcp')[0]?.references).toEqual([{ text: 'RFC 959', url: 'https://www.rfc-editor.org/rfc/rfc959.html' }])
  })

  it('joins rows: named services before reservations, nothing for gaps and the dynamic range', () => {
    expect(registry.lookup(3000, 'tcp')).toEqual({ service: 'hbci', description: 'HBCI' })
    expect(registry.lookup(11434, 'udp')).toEqual({ service: null, description: 'Reserved' })
    expect(registry.lookup(54321, 'tcp')).toEqual({ service: null, description: null })
  })
})

describe('the user\'s imported registry', () => {
  it('falls back to the snapshot, with a warning, when the stored copy is damaged', () => {
    const dir = mkdtempSync(join(tmpdir(), 'portolan-store-'))
    try {
      mkdirSync(join(dir, 'registry'))
      writeFileSync(userRegistryPath(dir), '{"format":"portolan-registry/1","source":"x","asOf":"2026-01-01","records":[[0,7]]}')
      const active = loadActiveRegistry(dir)
      expect(active.warning).toMatch(/unreadable .*record 0, field 1: expected text.*bundled snapshot/)
      expect(active.registry.bundled).toBe(true)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('people and references', () => {
  it('turns person ids into names and drops e-mail addresses', () => {
    expect(nameFromPersonId('Stuart_Cheshire_4')).toBe('Stuart Cheshire')
    expect(nameFromPersonId('_3GPP')).toBe('3GPP')
    expect(resolvePeopleField('[IESG][IETF_Chair]')).toBe('IESG, IETF Chair')
    expect(resolvePeopleField('John Doe <mailto:john@example.com>')).toBe('John Doe')
    expect(resolvePeopleField('Jane Roe jane&example.org')).toBe('Jane Roe')
    expect(resolvePeopleField('Research & Development')).toBe('Research & Development')
  })
  it('links RFCs and drafts, skips footnote numbers', () => {
    expect(referencesFromField('[1][RFC4727][RFC-ietf-emailcore-rfc5321bis-43]')).toEqual([
      { text: 'RFC 4727', url: 'https://www.rfc-editor.org/rfc/rfc4727.html' },
      { text: 'RFC-ietf-emailcore-rfc5321bis-43', url: 'https://datatracker.ietf.org/doc/draft-ietf-emailcore-rfc5321bis/' },
    ])
  })
})

describe('ranges', () => {
  it('names RFC 6335 classes and their common names', () => {
    expect(rangeFacts(1322)).toEqual({ id: 'user', name: 'User', commonName: 'registered', low: 1024, high: 49151 })
    expect(rangeFacts(80).commonName).toBe('well-known')
    expect(rangeFacts(49152).name).toBe('Dynamic/Private')
  })
  it('reads the Linux ephemeral range, falling back to the kernel default', () => {
    expect(ephemeralRange('linux', () => '1024\t65000\n')).toMatchObject({ os: 'linux', low: 1024, high: 65000 })
    expect(ephemeralRange('linux', () => 'garbage')).toMatchObject({ low: 32768, high: 60999, origin: 'default' })
    expect(ephemeralRange('linux', () => { throw new Error('ENOENT') })).toMatchObject({ low: 32768 })
    expect(ephemeralRange('win32')).toMatchObject({ os: 'windows', low: 49152, high: 65535 })
    expect(ephemeralRange('darwin')).toMatchObject({ os: 'macos', low: 49152 })
    expect(parsePortRangeFile('60999 32768')).toBeNull()
  })
})

describe('curated known ports', () => {
  it('covers at least 80 ports, each with software, how to recognise it and an https source', () => {
    expect(new Set(KNOWN_USES.map((u) => u.port)).size).toBeGreaterThanOrEqual(80)
    for (const use of KNOWN_USES) {
      expect(use.software.length).toBeGreaterThan(2)
      expect(use.recognize.length).toBeGreaterThan(10)
      expect(new URL(use.url).protocol).toBe('https:')
    }
  })
  it('names a registered service only where the registry has it at that port', () => {
    const registry = new Registry(bundledRegistryData())
    for (const use of KNOWN_USES.filter((u) => u.registeredAs)) {
      expect(registry.recordsAt(use.port, use.protocol).map((r) => r.service), `${use.port}/${use.protocol}`).toContain(use.registeredAs)
    }
  })
})
