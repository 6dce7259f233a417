import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RegistryImportError } from '../../../../src/main/registry/import/errors'
import { parseIanaRegistry } from '../../../../src/main/registry/import/parse'
import { Registry } from '../../../../src/main/registry/model'
import { bundledRegistryData } from '../../../../src/main/registry/snapshot'
import { loadActiveRegistry, userRegistryPath } from '../../../../src/main/registry/store'
import { updateRegistry } from '../../../../src/main/registry/update'
import { describeWhenAvailable } from '../../../helpers/availability'
import { selfSignedCertificate, startHttpsServer, type TestHttpsServer } from '../../../helpers/https-server'
import { IANA_CSV, IANA_FILES_MISSING, IANA_FILES_REQUIRED, IANA_XML } from '../../../helpers/iana-files'

const CSV = IANA_CSV
const XML = IANA_XML
const present = IANA_FILES_MISSING === null

describeWhenAvailable("import of IANA's real files", IANA_FILES_MISSING, IANA_FILES_REQUIRED, () => {
  const csv = present ? new Registry(parseIanaRegistry(readFileSync(CSV, 'utf8'), CSV)) : null
  const xml = present ? new Registry(parseIanaRegistry(readFileSync(XML, 'utf8'), XML)) : null

  it('reads every record and the as-of date', () => {
    expect(csv?.info()).toMatchObject({ records: 14_499, asOf: '2026-02-13' })
    expect(xml?.info()).toMatchObject({ records: 14_533, asOf: '2026-08-17' })
  })

  it.each([['csv'], ['xml']] as const)('%s: the 1322 rows', (format) => {
    const registry = format === 'csv' ? csv : xml
    expect(registry?.recordsAt(1322).map((r) => [r.service, r.protocol, r.description, r.assignee, r.contact])).toEqual([
      ['novation', 'tcp', 'Novation', 'Alan Dano', 'Alan Dano'],
      ['novation', 'udp', 'Novation', 'Alan Dano', 'Alan Dano'],
    ])
  })

  it.each([['csv'], ['xml']] as const)('%s: the x11 range covers 6000-6063 and nothing past it', (format) => {
    const registry = format === 'csv' ? csv : xml
    for (const port of [6000, 6006, 6063]) expect(registry?.lookup(port, 'tcp')).toEqual({ service: 'x11', description: 'X Window System' })
    expect(registry?.rangesAt(6064).some((r) => r.service === 'x11')).toBe(false)
    const x11 = registry?.recordsAt(6006, 'tcp').find((r) => r.service === 'x11')
    expect(x11?.unauthorizedUse).toBe('Known Unauthorized Use on port 6003')
  })

  it.each([['csv'], ['xml']] as const)('%s: a row that registers a service name only', (format) => {
    const registry = format === 'csv' ? csv : xml
    const [argus] = registry?.recordsNamed('argus') ?? []
    expect(argus).toMatchObject({ service: 'argus', low: null, high: null, description: 'ARGUS Protocol' })
  })

  it.each([['csv'], ['xml']] as const)('%s: multi-line descriptions read as one line', (format) => {
    const registry = format === 'csv' ? csv : xml
    expect(registry?.recordsAt(7202, 'tcp')[0]?.description).toBe('Inter-Channel Termination Protocol (ICTP) for multi-wavelength PON (Passive Optical Network) systems')
  })

  it('XML resolves people to names and organisations, never to e-mail addresses', () => {
    expect(xml?.recordsAt(27017, 'tcp')[0]?.assignee).toBe('MongoDB, Inc.')
    expect(xml?.recordsAt(11434, 'tcp')[0]).toMatchObject({ assignee: 'Jesse Gross', registered: '2025-09-26' })
    for (const record of xml?.records ?? []) expect(`${record.assignee} ${record.contact}`).not.toMatch(/[\w.+-]+[@&][\w-]+\.\w|mailto/)
  })

  it('XML mixed content: <br/> is a line break, inline <xref>s keep their words, footnotes join the notes', () => {
    expect(xml?.recordsAt(63, 'tcp')[0]?.description).toBe('whois++\n\nIANA assigned this well-formed service name as a replacement for "whois++".')
    expect(xml?.recordsAt(2, 'tcp')[0]?.notes).toBe('De-assigned on 2025-02-13, previously compressnet by Bernie Volz')
    expect(xml?.recordsAt(1021, 'tcp')[0]?.notes).toMatch(/^It is only appropriate to use these values in explicitly- configured experiments; they MUST NOT be shipped as defaults/)
    for (const record of xml?.records ?? []) expect(`${record.description} ${record.notes} ${record.unauthorizedUse}`).not.toMatch(/<\/?(br|xref|paragraph)\b|&(amp|lt|gt);/)
  })

  it('RFC references become rfc-editor.org links', () => {
    expect(xml?.recordsAt(0, 'tcp')[0]?.references).toEqual([{ text: 'RFC 6335', url: 'https://www.rfc-editor.org/rfc/rfc6335.html' }])
  })

  it('several services on one port: 3000/tcp', () => {
    expect(xml?.recordsAt(3000, 'tcp').map((r) => r.service)).toEqual(['hbci', 'remoteware-cl'])
  })

  const certificate = selfSignedCertificate()
  if (typeof certificate === 'string') console.warn(`skipping the https import tests: ${certificate}`)

  describe('update', () => {
    let dir: string
    let server: TestHttpsServer | null = null
    let base: string
    const ca = typeof certificate === 'string' ? undefined : certificate.cert
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'portolan-registry-'))
      const xmlText = readFileSync(XML)
      if (typeof certificate === 'string') return
      server = await startHttpsServer(certificate, (req, res) => {
        if (req.url === '/registry.xml') res.writeHead(200, { 'content-type': 'application/xml' }).end(xmlText)
        else if (req.url === '/truncated.xml') res.writeHead(200).end(xmlText.subarray(0, xmlText.length / 2))
        else res.writeHead(404).end('not here')
      })
      base = server.base
    })
    afterAll(async () => {
      await server?.close()
      if (typeof certificate !== 'string') certificate.dispose()
      rmSync(dir, { recursive: true, force: true })
    })

    it('imports the CSV from a file, stores it, and uses it from then on (--force: it is older than the bundled snapshot)', async () => {
      const current = new Registry(bundledRegistryData())
      await expect(updateRegistry(CSV, { current, dir })).rejects.toThrow(/dated 2026-02-13, older than the registry in use .*--force/)
      const updated = await updateRegistry(CSV, { current, dir, force: true })
      expect(updated.info()).toMatchObject({ records: 14_499, source: `IANA CSV (${CSV})` })
      expect(updated.importedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/)
      expect(loadActiveRegistry(dir).registry.info()).toEqual(updated.info())
      // The CSV has person ids only; the registry in use (IANA's XML) knew the real names, and still does.
      const wwwHttp = updated.recordsAt(80, 'tcp').find((r) => r.service === 'www-http')
      expect(wwwHttp?.assignee).toBe('Tim Berners-Lee')
      expect(updated.recordsAt(3000, 'tcp').map((r) => r.assignee)).toEqual(['Kurt Haubner', 'Tim Farley'])
      expect(loadActiveRegistry(dir).registry.recordsAt(80, 'tcp').find((r) => r.service === 'www-http')?.assignee).toBe('Tim Berners-Lee')
    })

    it('a CSV read without a people table falls back to the ids\' spelling', () => {
      const bare = new Registry(parseIanaRegistry(readFileSync(CSV, 'utf8'), CSV))
      expect(bare.recordsAt(80, 'tcp').find((r) => r.service === 'www-http')?.assignee).toBe('Tim Berners Lee')
    })

    it.skipIf(typeof certificate === 'string')('imports the XML from an https URL', async () => {
      const current = loadActiveRegistry(dir).registry
      const updated = await updateRegistry(`${base}/registry.xml`, { current, dir, ca })
      expect(updated.info()).toMatchObject({ records: 14_533, asOf: '2026-08-17' })
      expect(loadActiveRegistry(dir).registry.asOf).toBe('2026-08-17')
    })

    it('rejects a truncated copy and keeps the previous registry', async () => {
      const before = readFileSync(userRegistryPath(dir), 'utf8')
      const current = loadActiveRegistry(dir).registry
      const truncated = join(dir, 'truncated.csv')
      const csvText = readFileSync(CSV, 'utf8')
      writeFileSync(truncated, csvText.slice(0, Math.floor(csvText.length / 2)))
      await expect(updateRegistry(truncated, { current, dir, force: true })).rejects.toThrow(RegistryImportError)
      if (server) await expect(updateRegistry(`${base}/truncated.xml`, { current, dir, ca })).rejects.toThrow(/malformed or truncated/)
      expect(readFileSync(userRegistryPath(dir), 'utf8')).toBe(before)
    })

    it('says clearly what was wrong', async () => {
      const current = loadActiveRegistry(dir).registry
      if (server) await expect(updateRegistry(`${base}/missing.xml`, { current, dir, ca })).rejects.toThrow(/HTTP 404/)
      const closed = createServer()
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
      const closedPort = (closed.address() as AddressInfo).port
      await new Promise((resolve) => closed.close(resolve))
      await expect(updateRegistry(`https://127.0.0.1:${closedPort}/registry.xml`, { current, dir })).rejects.toThrow(/cannot reach .*ECONNREFUSED/)
      await expect(updateRegistry(join(dir, 'nope.csv'), { current, dir })).rejects.toThrow(/cannot read .*ENOENT/)
      const notRegistry = join(dir, 'other.csv')
      writeFileSync(notRegistry, 'a,b,c\n1,2,3\n')
      await expect(updateRegistry(notRegistry, { current, dir })).rejects.toThrow(/not IANA's port registry/)
    })
  })
})
