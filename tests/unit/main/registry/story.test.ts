import { describe, expect, it } from 'vitest'
import type { Row } from '../../../../src/shared/row'
import type { EphemeralRange, Story } from '../../../../src/shared/story'
import { Registry } from '../../../../src/main/registry/model'
import { bundledRegistryData } from '../../../../src/main/registry/snapshot'
import { tellStory } from '../../../../src/main/registry/story'
import { renderStoryMarkdown, renderStoryText } from '../../../../src/main/registry/story/render'

const registry = new Registry(bundledRegistryData())
const linux: EphemeralRange = { os: 'linux', low: 32768, high: 60999, origin: '/proc/sys/net/ipv4/ip_local_port_range' }

function story(port: number, protocol: 'tcp' | 'udp' | null = null, live: Row[] = []): Story {
  return tellStory({ port, protocol, registry, live, ephemeral: linux })
}
const section = (s: Story, id: string) => s.sections.find((x) => x.id === id)?.paragraphs.join('\n') ?? ''
const sourceOf = (s: Story, url: string) => s.sources.find((x) => x.url === url)

function row(port: number, patch: Partial<Row> = {}): Row {
  return {
    id: `tcp|0.0.0.0|${port}|4242`, protocol: 'tcp', family: 4, address: '0.0.0.0', port, state: 'LISTEN', pid: 4242, process: 'node',
    service: null, description: null, range: 'user', exposure: 'all', remoteAddress: null, remotePort: null, uid: 1000, ownerHidden: false,
    since: Date.UTC(2026, 0, 2, 3, 4, 5), container: null, ...patch,
  }
}

describe('story of 1322', () => {
  const s = story(1322)
  it('is titled with the registered name and a tagline chosen from the facts', () => {
    expect(s.title).toBe('Port 1322: Novation — A registered port waiting for a purpose')
  })
  it('places it in the User range and cites RFC 6335', () => {
    expect(s.range).toBe('user')
    expect(section(s, 'what')).toContain('User range (1024–49151)')
    expect(sourceOf(s, 'https://www.rfc-editor.org/rfc/rfc6335.html#section-6')).toBeDefined()
  })
  it('lists the novation records for tcp and udp, assigned to a person by name', () => {
    expect(s.records.map((r) => [r.service, r.protocol, r.assignee])).toEqual([
      ['novation', 'tcp', 'Alan Dano'],
      ['novation', 'udp', 'Alan Dano'],
    ])
  })
  it('says no known software defaults to it, and presents the Exchange observation as a sourced report', () => {
    expect(section(s, 'uses')).toContain("No software that Portolan's sources know of defaults to 1322.")
    const report = s.uses.find((u) => u.kind === 'report')
    expect(report?.software).toMatch(/Microsoft Exchange/)
    expect(s.sources[(report?.source ?? 0) - 1]?.url).toBe('https://www.connected.app/ports/1322')
    expect(section(s, 'uses')).toMatch(/One report, not a confirmed fact: .*Exchange.*\[\d+\]/)
    expect(s.uses.some((u) => u.kind === 'default')).toBe(false)
  })
  it('tells how to check it with lsof and netstat', () => {
    const commands = s.checks.map((c) => c.command)
    expect(commands).toContain('sudo lsof -i :1322')
    expect(commands).toContain('netstat -ano | findstr :1322')
    expect(commands).toContain("ss -ltnup 'sport = :1322'")
    expect(commands).toContain('sudo lsof -nP -i :1322')
    expect(commands).toContain('Get-NetTCPConnection -LocalPort 1322')
  })
  it('cites every footnote marker it uses', () => {
    const markers = s.sections.flatMap((x) => x.paragraphs).flatMap((p) => [...p.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])))
    expect(markers.length).toBeGreaterThan(3)
    for (const n of markers) expect(s.sources[n - 1]?.n).toBe(n)
  })
  it('says it is outside the Linux ephemeral range and nothing holds it now', () => {
    expect(s.ephemeral.contains).toBe(false)
    expect(section(s, 'live')).toContain('Nothing on this machine is listening on 1322')
  })
  it('renders as text and markdown with the same title and sources', () => {
    const text = renderStoryText(s)
    expect(text.split('\n')[0]).toBe(s.title)
    expect(text).toContain('[4] Connected: Port 1322. https://www.connected.app/ports/1322')
    const markdown = renderStoryMarkdown(s)
    expect(markdown).toContain('[Connected: Port 1322](https://www.connected.app/ports/1322)')
    expect(markdown).toMatch(/\[\[4\]\]\(#source-4\)/)
  })
})

describe('story of 3000', () => {
  const s = story(3000, 'tcp')
  it('keeps both registered services', () => {
    expect(s.records.map((r) => r.service)).toEqual(['hbci', 'remoteware-cl'])
    expect(s.name).toBe('HBCI / RemoteWare Client')
  })
  it('names the dev servers that use it and contrasts them with the registry', () => {
    const software = s.uses.map((u) => u.software).join(' | ')
    expect(software).toMatch(/Next\.js/)
    expect(software).toMatch(/Rails/)
    expect(s.uses.find((u) => /Next\.js/.test(u.software))?.contrast).toMatch(/^IANA lists 3000\/tcp as hbci .*and remoteware-cl/)
    expect(s.tagline).toMatch(/^Next\.js's default, and \d+ others$/)
  })
  it('carries the assignment note that records widespread use', () => {
    expect(s.records.find((r) => r.service === 'remoteware-cl')?.notes).toBe('This entry records an unassigned but widespread use')
  })
})

describe('story of 6006', () => {
  const s = story(6006)
  it('finds it inside x11 6000-6063 by range search', () => {
    expect(s.records.map((r) => [r.service, r.ports, r.protocol])).toEqual([
      ['x11', '6000-6063', 'tcp'],
      ['x11', '6000-6063', 'udp'],
    ])
    expect(section(s, 'what')).toContain("inside IANA's x11 block 6000-6063")
  })
  it('says Storybook and TensorBoard default to it, beside what IANA lists', () => {
    const storybook = s.uses.find((u) => /Storybook/.test(u.software))
    expect(storybook?.contrast).toMatch(/x11/)
    expect(s.uses.some((u) => u.software === 'TensorBoard')).toBe(true)
    expect(s.title).toBe("Port 6006: X11 display :6 — Storybook's default, and 2 others")
  })
})

describe('story of 11434', () => {
  it('registered for tcp to Ollama in 2025, reserved for udp', () => {
    const s = story(11434)
    const tcp = s.records.find((r) => r.protocol === 'tcp')
    expect(tcp?.service).toBe('ollama')
    expect(s.records.find((r) => r.protocol === 'udp')?.description).toBe('Reserved')
    expect(s.tagline).toBe("Ollama's registered port")
    expect(s.uses[0]?.contrast).toMatch(/Matches the registry/)
    expect(s.uses[0]?.note).toMatch(/2025/)
  })
})

describe('story of 54321', () => {
  const s = story(54321)
  it('is dynamic, never assigned, and used by Supabase', () => {
    expect(s.range).toBe('dynamic')
    expect(s.tagline).toMatch(/^(Dynamic, yet Supabase uses it by default|A dynamic port, used by convention)$/)
    expect(s.uses.map((u) => u.software).join()).toMatch(/Supabase/)
    expect(s.records).toEqual([])
  })
  it('is inside the Linux ephemeral range: probably a short-lived client port', () => {
    expect(s.ephemeral.contains).toBe(true)
    expect(section(s, 'what')).toContain('probably a short-lived client port on Linux')
  })
})

describe('stories at the edges', () => {
  it('0 is reserved and explained', () => {
    const s = story(0)
    expect(s.title).toBe('Port 0: Reserved — The port you ask for when any port will do')
    expect(s.range).toBe('system')
  })
  it('65535 is dynamic and nobody\'s', () => {
    const s = story(65535)
    expect(s.title).toBe('Port 65535: Dynamic/Private — A dynamic port, never assigned')
    expect(section(s, 'what')).toContain('highest port')
  })
})

describe('live holders', () => {
  it('lists each owning process with pid, address, exposure and since, for the asked protocol only', () => {
    const live = [row(1322), row(1322, { id: 'udp', protocol: 'udp', state: 'UNCONN' }), row(80)]
    const s = story(1322, 'tcp', live)
    expect(s.live.map((r) => r.id)).toEqual(['tcp|0.0.0.0|1322|4242'])
    const text = section(s, 'live')
    expect(text).toContain('tcp 0.0.0.0:1322: node (pid 4242)')
    expect(text).toContain('every interface')
    expect(text).toContain('2026-01-02T03:04:05.000Z')
    expect(section(s, 'matters')).toContain('every interface')
  })
  it('explains a hidden owner', () => {
    const s = story(1322, null, [row(1322, { pid: null, process: null, ownerHidden: true })])
    expect(section(s, 'live')).toContain("another user's socket")
  })
})

describe('user labels', () => {
  it('show first', () => {
    const s = tellStory({ port: 3000, protocol: null, registry, live: [], ephemeral: linux, labels: [{ port: 3000, protocol: null, label: 'my blog', note: null }] })
    expect(s.uses[0]).toMatchObject({ software: 'my blog', userLabel: true, kind: 'label' })
    expect(section(s, 'uses').startsWith('Your label: my blog')).toBe(true)
  })
})
