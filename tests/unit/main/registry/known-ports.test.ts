import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { KNOWN_USES } from '../../../../src/main/registry/known-ports'

// The curated "what actually uses it" data, as shipped: every entry well-formed and sourced the way the
// project promises (a page a reader can open; never Wikipedia or nmap; port-lookup sites only as reports).

const raw = JSON.parse(readFileSync(join(__dirname, '../../../../resources/known-ports.json'), 'utf8')) as { ports: Record<string, unknown>[] }
const NEVER_A_SOURCE = /wikipedia\.org|nmap\.org|nmap-services/i
const PORT_LOOKUP_SITES = /speedguide\.net|adminsub\.net|connected\.app\/ports|whatportis|grc\.com\/port/i

describe('resources/known-ports.json', () => {
  it('holds over 300 distinct ports', () => {
    expect(new Set(KNOWN_USES.map((use) => use.port)).size).toBeGreaterThan(300)
  })

  it('every entry names software, a port, a protocol, a kind and an https source with a title', () => {
    for (const entry of raw.ports) {
      const where = `${String(entry.port)}/${String(entry.protocol)} ${String(entry.software)}`
      expect(Number.isInteger(entry.port) && (entry.port as number) >= 0 && (entry.port as number) <= 65535, where).toBe(true)
      expect(['tcp', 'udp'], where).toContain(entry.protocol)
      expect(['default', 'convention', 'report', undefined], where).toContain(entry.kind)
      expect(typeof entry.software === 'string' && entry.software.length > 0, where).toBe(true)
      expect(typeof entry.recognize === 'string' && entry.recognize.length > 0, where).toBe(true)
      expect(String(entry.url), where).toMatch(/^https:\/\/[^\s]+$/)
      expect(typeof entry.sourceTitle === 'string' && entry.sourceTitle.length > 0, where).toBe(true)
    }
  })

  it('cites no Wikipedia or nmap, and a port-lookup site only for a report', () => {
    for (const entry of raw.ports) {
      const where = `${String(entry.port)} ${String(entry.software)}`
      expect(String(entry.url), where).not.toMatch(NEVER_A_SOURCE)
      if (PORT_LOOKUP_SITES.test(String(entry.url))) expect(entry.kind, where).toBe('report')
    }
  })

  it('has each software once per port and protocol', () => {
    const keys = raw.ports.map((e) => `${String(e.port)}/${String(e.protocol)}/${String(e.software).toLowerCase()}`)
    expect(keys.filter((key, i) => keys.indexOf(key) !== i)).toEqual([])
  })
})
