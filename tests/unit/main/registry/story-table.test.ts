import { describe, expect, it } from 'vitest'
import type { EphemeralRange, Story } from '../../../../src/shared/story'
import { Registry } from '../../../../src/main/registry/model'
import { bundledRegistryData } from '../../../../src/main/registry/snapshot'
import { tellStory } from '../../../../src/main/registry/story'

// Stories of chosen ports held to facts written here. The registry facts (service, protocol, assignee,
// registration and modification dates per tcp/udp record) were read from IANA's XML of 2026-08-17
// (resources/iana/service-names-port-numbers.xml) with a separate script and checked by hand.

const registry = new Registry(bundledRegistryData())
const linux: EphemeralRange = { os: 'linux', low: 32768, high: 60999, origin: 'default' }
const macos: EphemeralRange = { os: 'macos', low: 49152, high: 65535, origin: 'default' }
const tell = (port: number, protocol: 'tcp' | 'udp' | null = null, ephemeral = linux): Story => tellStory({ port, protocol, registry, live: [], ephemeral })
const text = (s: Story, id?: string) => s.sections.filter((x) => id === undefined || x.id === id).flatMap((x) => x.paragraphs).join('\n')

/** [service, protocol, assignee, registered, modified] of each tcp/udp record at the port, as IANA lists them. */
type Fact = [string | null, 'tcp' | 'udp' | null, string | null, string | null, string | null]
interface Case {
  port: number
  records: Fact[]
  title?: string | RegExp
  /** Distinct services the story counts ("N services share it" when more than one). */
  services?: number
  says?: [section: string | undefined, text: string][]
  never?: string[]
}

const CASES: Case[] = [
  { port: 443, title: 'Port 443: HTTPS — http protocol over TLS/SSL', services: 1, records: [['https', 'tcp', 'IESG', null, '2021-10-01'], ['https', 'udp', 'IESG', null, '2021-10-01']], says: [['registry', 'tcp and udp: http protocol over TLS/SSL. Assignee IESG, contact IETF Chair. Modified 2021-10-01. Reference RFC 9110.']], never: ['waiting for a purpose', 'no widely used software'] },
  { port: 80, title: 'Port 80: HTTP — World Wide Web HTTP', services: 1, records: [['http', 'tcp', 'IESG', null, '2021-10-01'], ['http', 'udp', 'IESG', null, '2021-10-01'], ['www', 'tcp', 'IESG', null, '2021-10-01'], ['www', 'udp', 'IESG', null, '2021-10-01'], ['www-http', 'tcp', 'Tim Berners-Lee', null, null], ['www-http', 'udp', 'Tim Berners-Lee', null, null]], says: [['registry', 'Also listed as www and www-http, the same service under another name (assigned to Tim Berners-Lee).']], never: ['services share it', 'waiting for a purpose'] },
  { port: 53, title: 'Port 53: DNS — Domain Name Server', services: 1, records: [['domain', 'tcp', 'Paul Mockapetris', null, null], ['domain', 'udp', 'Paul Mockapetris', null, null]], says: [['registry', 'DNS (IANA name domain) — tcp and udp: Domain Name Server. Assignee Paul Mockapetris.']], never: ['systemd-resolved stub resolver\'s'] },
  { port: 22, title: 'Port 22: SSH — The Secure Shell (SSH) Protocol', services: 1, records: [['ssh', 'tcp', null, null, null], ['ssh', 'udp', null, null, null]], says: [['what', 'The registry cites RFC 4251']], never: ['OpenSSH server\'s registered port'] },
  { port: 8080, title: /^Port 8080: HTTP alternate — /, services: 1, records: [['http-alt', 'tcp', 'Stephen Casner', null, null], ['http-alt', 'udp', 'Stephen Casner', null, null]], never: ['misleads', 'Not what the registry says'] },
  { port: 6006, title: "Port 6006: X11 display :6 — Storybook's default, and 2 others", records: [['x11', 'tcp', 'Stephen Gildea', null, null], ['x11', 'udp', 'Stephen Gildea', null, null]], says: [['what', "inside IANA's x11 block 6000-6063"], ['uses', 'TensorBoard']], never: ['Unauthorized', '6003', 'nearly always Storybook'] },
  { port: 6003, title: 'Port 6003: X11 display :3 — X Window System', records: [['x11', 'tcp', 'Stephen Gildea', null, null], ['x11', 'udp', 'Stephen Gildea', null, null]], says: [['uses', 'IANA itself records unauthorized use: "Known Unauthorized Use on port 6003"']] },
  { port: 27017, title: "Port 27017: MongoDB — MongoDB's registered port", services: 1, records: [['mongodb', 'tcp', 'MongoDB, Inc.', '2019-02-21', null], [null, 'udp', null, null, null]], says: [['what', 'MongoDB was registered 2019-02-21.']], never: ['gives no registration date'] },
  { port: 8010, title: 'Port 8010: Reserved — Reserved by IANA, assigned to no service', records: [[null, null, null, null, '2018-01-09']], says: [['what', 'IANA has reserved 8010'], ['uses', 'unauthorized use of 8010 has been reported']], never: ['Unassigned', 'has not assigned'] },
  { port: 861, services: 2, title: "Port 861: OWAMP-Control / OWAMP-Test — IANA's entry cites RFC 4656", records: [['owamp-control', 'tcp', 'IESG', null, null], ['owamp-test', 'udp', 'IESG', null, '2018-12-21']], says: [['what', '2 services share it']] },
  { port: 2, title: 'Port 2: Reserved — Reserved; compressnet until 2025', records: [[null, 'tcp', null, null, '2025-02-13'], [null, 'udp', null, null, '2025-02-13']], says: [['what', 'it was compressnet until 2025-02-13'], ['registry', 'Note: De-assigned on 2025-02-13, previously compressnet by Bernie Volz.']] },
  { port: 5353, title: 'Port 5353: mDNS — Multicast DNS', records: [['mdns', 'tcp', 'IESG', null, null], ['mdns', 'udp', 'IESG', null, null]], says: [['matters', 'Shared by design']], never: ['address already in use'] },
  { port: 5000, title: "Port 5000: commplex-main — Flask development server's default", records: [['commplex-main', 'tcp', null, null, null], ['commplex-main', 'udp', null, null, null]], says: [['uses', 'macOS AirPlay Receiver (on macOS, not this system)']], never: ['stopipv/isdi'] },
  { port: 1322, title: 'Port 1322: Novation — A registered port waiting for a purpose', records: [['novation', 'tcp', 'Alan Dano', null, null], ['novation', 'udp', 'Alan Dano', null, null]] },
  { port: 6443, records: [['sun-sr-https', 'tcp', 'Paul Sterk', '2006-03', null], ['sun-sr-https', 'udp', 'Paul Sterk', '2006-03', null]], says: [['uses', 'kind and minikube do not publish their API server on host port 6443']] },
  { port: 9200, records: [['wap-wsp', 'tcp', 'WAP Forum', null, null], ['wap-wsp', 'udp', 'WAP Forum', null, null]], says: [['uses', 'answers 401 without the elastic user']] },
  { port: 51820, title: 'Port 51820: Dynamic/Private — A dynamic port WireGuard VPN often uses', records: [], says: [['uses', '(a common choice, not a default)'], ['uses', 'it picks one at random']], never: ['waiting for a purpose'] },
  { port: 9100, services: 2, records: [['hp-pdl-datastr', 'tcp', 'Shivaun Albright', '2002-04', null], ['hp-pdl-datastr', 'udp', 'Shivaun Albright', '2002-04', null], ['pdl-datastream', 'tcp', 'Stuart Cheshire', '2002-09', null], ['pdl-datastream', 'udp', 'Stuart Cheshire', '2002-09', null]], says: [['what', '2 services share it']], never: ['almost always'] },
  { port: 123, title: 'Port 123: NTP — Network Time Protocol', records: [['ntp', 'tcp', 'Dave Mills', null, null], ['ntp', 'udp', 'Dave Mills', null, null]], never: ['timed'] },
  { port: 5357, records: [['wsdapi', 'tcp', 'Henry Rawas', '2005-08', null], ['wsdapi', 'udp', 'Henry Rawas', '2005-08', null]] },
  { port: 88, title: "Port 88: Kerberos — IANA's entry cites RFC 4120", records: [['kerberos', 'tcp', 'B. Clifford Neuman', null, '2022-02-18'], ['kerberos', 'udp', 'B. Clifford Neuman', null, '2022-02-18']] },
  { port: 8888, services: 2, records: [['ddi-tcp-1', 'tcp', 'Fred Yao', null, null], ['ddi-udp-1', 'udp', 'Fred Yao', null, null]], says: [['uses', 'IANA itself records unauthorized use: "Known Unauthorized Use on port 8888"']] },
  { port: 3000, services: 2, title: /^Port 3000: HBCI \/ RemoteWare Client — Next\.js's default, and \d+ others$/, records: [['hbci', 'tcp', 'Kurt Haubner', null, null], ['hbci', 'udp', 'Kurt Haubner', null, null], ['remoteware-cl', 'tcp', 'Tim Farley', null, null], ['remoteware-cl', 'udp', 'Tim Farley', null, null]], says: [['what', '2 services share it']] },
  { port: 0, title: 'Port 0: Reserved — The port you ask for when any port will do', records: [[null, 'tcp', null, null, '2024-12-20'], [null, 'udp', null, null, '2024-12-20']] },
  { port: 24, title: 'Port 24: Private use — Set aside by IANA for private use', records: [[null, 'tcp', 'Rick Adams', null, null], [null, 'udp', 'Rick Adams', null, null]], says: [['what', 'IANA sets 24 aside for any private mail system']], never: ['nobody has claimed', 'has not assigned'] },
  { port: 1021, title: /^Port 1021: exp1 — (Set aside for experiments, never a default \(RFC 3692\)|For experiments only)$/, records: [['exp1', 'tcp', 'IESG', null, null], ['exp1', 'udp', 'IESG', null, null]], says: [['registry', 'It is only appropriate to use these values in explicitly- configured experiments']] },
  { port: 63, services: 1, records: [['whoispp', 'tcp', 'Rickard Schoultz', null, null], ['whois++', 'tcp', 'Rickard Schoultz', null, null], ['whoispp', 'udp', 'Rickard Schoultz', null, null], ['whois++', 'udp', 'Rickard Schoultz', null, null]], says: [['registry', 'Also listed as whois++']], never: ['services share it', 'whois++IANA'] },
  { port: 11434, title: "Port 11434: Ollama — Ollama's registered port", records: [['ollama', 'tcp', 'Jesse Gross', '2025-09-26', null], [null, 'udp', null, null, null]], says: [['what', 'Ollama was registered 2025-09-26.']] },
  { port: 65535, title: 'Port 65535: Dynamic/Private — A dynamic port, never assigned', records: [], says: [['what', 'highest port number']] },
  { port: 54321, records: [], says: [['what', 'probably a short-lived client port on Linux']] },
  { port: 4000, title: "Port 4000: Terabase — Jekyll's default, and 2 others", records: [['terabase', 'tcp', 'Thor Olson', null, null], ['terabase', 'udp', 'Thor Olson', null, null]] },
  { port: 1, title: 'Port 1: tcpmux — TCP Port Service Multiplexer', records: [['tcpmux', 'tcp', 'Mark Lottor', null, null], ['tcpmux', 'udp', 'Mark Lottor', null, null]] },
  { port: 7, title: 'Port 7: Echo — A System port', records: [['echo', 'tcp', 'Jon Postel', null, null], ['echo', 'udp', 'Jon Postel', null, null]] },
  { port: 5432, title: "Port 5432: PostgreSQL — PostgreSQL's registered port", records: [['postgresql', 'tcp', 'Tom Lane', null, null], ['postgresql', 'udp', 'Tom Lane', null, null]] },
  { port: 6379, title: "Port 6379: Redis — Redis's registered port", records: [['redis', 'tcp', 'Salvatore Sanfilippo', '2015-04-23', null], [null, 'udp', null, null, null]], says: [['what', 'Redis was registered 2015-04-23.']] },
  { port: 9000, title: "Port 9000: CSlistener — MinIO object storage's default, and 7 others", records: [['cslistener', 'tcp', 'David Jones', null, null], ['cslistener', 'udp', 'David Jones', null, null]] },
  { port: 3389, records: [['ms-wbt-server', 'tcp', 'Jordan Marchese', null, '2022-11-03'], ['ms-wbt-server', 'udp', 'Jordan Marchese', null, null]], says: [['registry', 'tcp: MS WBT Server. Assignee Jordan Marchese. Modified 2022-11-03.'], ['registry', 'udp: MS WBT Server. Assignee Jordan Marchese.']] },
  { port: 445, title: 'Port 445: SMB — A System port', records: [['microsoft-ds', 'tcp', 'Pradeep Bahl', null, null], ['microsoft-ds', 'udp', 'Pradeep Bahl', null, null]] },
  { port: 1900, records: [['ssdp', 'tcp', 'UPnP Forum', null, null], ['ssdp', 'udp', 'UPnP Forum', null, null]] },
  { port: 631, services: 2, records: [['ipp', 'tcp', 'IESG', null, '2018-07-06'], ['ipp', 'udp', 'IESG', null, '2018-07-06'], ['ipps', 'tcp', 'IESG', '2018-07-06', null]], says: [['what', 'IPPS (IPP over TLS) was registered 2018-07-06']] },
  { port: 25, records: [['smtp', 'tcp', 'IESG', null, '2017-06-05'], ['smtp', 'udp', 'IESG', null, '2017-06-05']], title: /^Port 25: SMTP — /, never: ['waiting for a purpose'] },
  { port: 3306, title: /^Port 3306: MySQL — /, records: [['mysql', 'tcp', 'Monty', null, null], ['mysql', 'udp', 'Monty', null, null]] },
  { port: 8000, records: [['irdmi', 'tcp', 'Gil Shafriri', null, null], ['irdmi', 'udp', 'Gil Shafriri', null, null]] },
  { port: 1433, title: /^Port 1433: Microsoft SQL Server — /, records: [['ms-sql-s', 'tcp', null, null, null], ['ms-sql-s', 'udp', null, null, null]] },
  { port: 5060, title: "Port 5060: SIP — IANA's entry cites RFC 3263", records: [['sip', 'tcp', null, null, '2014-04-09'], ['sip', 'udp', null, null, '2014-04-09']] },
]

const count = (haystack: string, needle: string) => haystack.split(needle).length - 1

describe('stories held to facts, port by port', () => {
  it('covers at least 40 ports', () => expect(CASES.length).toBeGreaterThanOrEqual(40))

  describe.each(CASES.map((c) => [c.port, c] as const))('port %i', (port, c) => {
    const s = tell(port)
    const all = `${s.title}\n${text(s)}`

    it("lists IANA's tcp/udp records with their own assignee and dates", () => {
      const mine = s.records.filter((r) => r.protocol === 'tcp' || r.protocol === 'udp' || r.protocol === null)
      expect(mine.map((r) => [r.service, r.protocol, r.assignee, r.registered, r.modified])).toEqual(c.records)
    })

    it('has a title that names it and fits', () => {
      if (c.title instanceof RegExp) expect(s.title).toMatch(c.title)
      else if (c.title) expect(s.title).toBe(c.title)
      expect(s.title.length).toBeLessThanOrEqual(72)
      const standard = s.range === 'system' || s.records.some((r) => r.references.some((ref) => /^RFC /.test(ref.text))) || s.uses.some((u) => u.kind !== 'report')
      if (standard) expect(s.title).not.toMatch(/waiting for a purpose/)
    })

    it('counts services, not aliases or protocols', () => {
      if (c.services === undefined) return
      expect(text(s, 'what').includes('services share it')).toBe(c.services > 1)
      if (c.services > 1) expect(text(s, 'what')).toContain(`${c.services} services share it`)
    })

    it('says what it must and nothing it must not', () => {
      for (const [section, words] of c.says ?? []) expect(text(s, section)).toContain(words)
      for (const words of c.never ?? []) expect(all).not.toContain(words)
    })

    it('says each fact once: no repeated paragraph, no repeated note', () => {
      const paragraphs = s.sections.flatMap((x) => x.paragraphs)
      expect(new Set(paragraphs).size).toBe(paragraphs.length)
      for (const note of new Set(s.records.map((r) => r.notes).filter((n): n is string => n !== null))) {
        const [firstLine = ''] = note.split('\n')
        const first = firstLine.slice(0, 60)
        expect(count(text(s, 'registry'), first)).toBeLessThanOrEqual(1)
      }
    })

    it('says where its registry came from, and who may listen by OS only for System ports', () => {
      expect(text(s, 'registry')).toContain(`Portolan's copy: IANA's registry of ${registry.asOf}, bundled with Portolan.`)
      expect(text(s, 'what').includes('On Linux only privileged processes may listen on them')).toBe(s.range === 'system')
    })
  })
})

describe('facts that depend on the machine and on the registry in use', () => {
  it('a macOS-only use ranks below the rest on Linux, first on macOS', () => {
    expect(tell(5000, 'tcp', linux).uses[0]?.software).toMatch(/^Flask/)
    expect(tell(5000, 'tcp', macos).uses[0]?.software).toBe('macOS AirPlay Receiver')
  })

  it('the three ranges side by side carry counts computed from the registry in use', () => {
    const named = new Set<number>()
    for (const r of registry.records) if (r.service !== null && r.low !== null && r.high !== null) for (let p = r.low; p <= r.high; p++) named.add(p)
    const inRange = (lo: number, hi: number) => [...named].filter((p) => p >= lo && p <= hi).length
    const s = tell(1322)
    expect(s.scale.named).toBe(named.size)
    expect(s.scale.ranges.map((r) => [r.id, r.size, r.named])).toEqual([['system', 1024, inRange(0, 1023)], ['user', 48128, inRange(1024, 49151)], ['dynamic', 16384, 0]])
    expect(text(s, 'what')).toContain(`In all, IANA names a service on ${named.size.toLocaleString('en-US')} of the 65,536 ports.`)
  })

  it('an imported registry says so, with its date', () => {
    const imported = new Registry({ ...bundledRegistryData(), bundled: false, importedAt: '2026-09-01', source: 'IANA XML (https://www.iana.org/assignments/service-names-port-numbers/service-names-port-numbers.xml)' })
    const s = tellStory({ port: 22, protocol: null, registry: imported, live: [], ephemeral: linux })
    expect(s.registry.description).toBe(`IANA's registry of ${imported.asOf}, imported on 2026-09-01 from https://www.iana.org/assignments/service-names-port-numbers/service-names-port-numbers.xml`)
  })

  it('cites a source a reader can open for every corrected curated use', () => {
    const urlOf = (port: number, software: RegExp) => {
      const s = tell(port)
      const use = s.uses.find((u) => software.test(u.software))
      return s.sources.find((x) => x.n === use?.source)?.url
    }
    expect(urlOf(88, /macOS Kerberos/)).toBe('https://support.apple.com/en-us/103229')
    expect(urlOf(5357, /Web Services for Devices/)).toMatch(/^https:\/\/learn\.microsoft\.com\//)
    expect(urlOf(5000, /macOS AirPlay/)).toMatch(/^https:\/\/flask\.palletsprojects\.com\//)
    expect(urlOf(51820, /WireGuard/)).toMatch(/wg\.8$/)
    expect(urlOf(6006, /TensorBoard/)).toMatch(/tensorflow\/tensorboard/)
  })
})
