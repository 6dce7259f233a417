import type { Protocol, Row } from '../../../shared/row'
import type { EphemeralRange, PortLabel, Story, StorySection, StoryUse } from '../../../shared/story'
import { knownUsesAt, type KnownUse } from '../known-ports'
import { rangeFacts } from '../ranges'
import type { RegistryRecord } from '../record'
import { OS_NAMES, checksFor } from '../../../shared/checks'
import { describeLiveRow, liveRowsAt } from './live'
import { describeRecord, namedRecords, nameOfPort, protocolsOf, reservedRecords, toStoryRecord, visibleRecords } from './records'
import { EPHEMERAL_SOURCES, RFC6335, SourceList, fn, ianaEntry } from './sources'
import { knownUse, labelUse, shortSoftware } from './uses'

/** What the story needs of a registry. */
export interface StoryRegistry {
  source: string
  asOf: string
  recordsAt(port: number): RegistryRecord[]
}

export interface StoryInput {
  port: number
  protocol: Protocol | null
  registry: StoryRegistry
  live: readonly Row[]
  ephemeral: EphemeralRange
  labels?: readonly PortLabel[]
  /** Curated uses; defaults to resources/known-ports.json. */
  knownUses?: readonly KnownUse[]
}

const RANGE_SENTENCE = {
  system: 'IANA assigns these only through IETF Review or IESG Approval, and most systems let only privileged processes listen on them.',
  user: 'Anyone may ask IANA to register one of these; a registration records a claim, not that anything actually uses the port.',
  dynamic: 'IANA never assigns these: they are left for private use and for the short-lived ports operating systems give outgoing connections.',
} as const

/** The story of one port: pure, from the registry, curated uses, labels and the live rows given. */
export function tellStory(input: StoryInput): Story {
  const { port, protocol, registry, ephemeral } = input
  const sources = new SourceList()
  const facts = rangeFacts(port)
  const records = visibleRecords(registry.recordsAt(port), protocol)
  const named = namedRecords(records)
  const curated = input.knownUses ? input.knownUses.filter((u) => u.port === port && (protocol === null || u.protocol === protocol)) : knownUsesAt(port, protocol)
  const labels = (input.labels ?? []).filter((l) => l.port === port && (protocol === null || l.protocol === null || l.protocol === protocol))
  const live = liveRowsAt(input.live, port, protocol)
  const containsEphemeral = ephemeral.low <= port && port <= ephemeral.high
  const name = nameOfPort(records, facts.id)
  const iana = ianaEntry(port)

  // What port N is.
  const rfc = sources.cite(RFC6335.title, RFC6335.url)
  const what: string[] = []
  if (port === 0) what.push('Port 0 is reserved. A program that asks to listen on port 0 is given whatever free port the operating system picks, so nothing normally listens on 0 itself.')
  if (port === 65535) what.push('65535 is the highest port number there is: the port field in TCP and UDP headers is 16 bits wide.')
  what.push(`Port ${port} is in the ${facts.name} range (${facts.low}–${facts.high}), which RFC 6335 calls ${facts.name} Ports and people often call "${facts.commonName}" ports [${rfc}]. ${RANGE_SENTENCE[facts.id]}`)
  const recordCite = records.length > 0 ? sources.cite(iana.title, iana.url) : null
  what.push(registrationSentence(port, records, named) + fn(recordCite))
  const refs = [...new Map(records.flatMap((r) => r.references).map((r) => [r.text, r])).values()]
  for (const ref of refs.filter((r) => r.url)) what.push(`The registry cites ${ref.text}${fn(sources.cite(ref.text, ref.url as string))}.`)
  const kernel = EPHEMERAL_SOURCES[ephemeral.os]
  const ephemeralCite = sources.cite(kernel.title, kernel.url)
  const osName = OS_NAMES[ephemeral.os]
  const origin = ephemeral.origin === 'default' ? `${osName}'s default` : `${osName}, from ${ephemeral.origin}`
  what.push(
    containsEphemeral
      ? `This machine gives outgoing connections ports ${ephemeral.low}–${ephemeral.high} (${origin}) [${ephemeralCite}], and ${port} is inside that range: a connection using ${port} with no listener behind it is probably a short-lived client port on ${osName}, not a service.`
      : `This machine gives outgoing connections ports ${ephemeral.low}–${ephemeral.high} (${origin}) [${ephemeralCite}]; ${port} is outside that range, so ${osName} does not hand it to short-lived client sockets.`,
  )

  // What the registry says.
  const registryParagraphs = records.length > 0
    ? records.map((r) => describeRecord(r, fn(recordCite)))
    : [facts.id === 'dynamic' ? `The registry has no record for ${port}: it never does for the dynamic range.` : `The registry has no record for ${port}.`]
  registryParagraphs.push(`Portolan's copy of the registry: ${registry.source}, as of ${registry.asOf}.`)

  // What actually uses it.
  const uses: StoryUse[] = labels.map(labelUse)
  for (const use of curated) uses.push(knownUse(use, records, facts.id, sources.cite(use.sourceTitle, use.url)))
  const usesParagraphs = usesSection(port, uses, records, facts.id, recordCite)

  // On this machine now.
  const liveParagraphs = live.length > 0 ? live.map(describeLiveRow) : [`Nothing on this machine is listening on ${port}${protocol ? `/${protocol}` : ''} right now.`]

  const checks = checksFor(port, protocol)
  const checkParagraphs = (['linux', 'macos', 'windows'] as const).map(
    (os) => `${OS_NAMES[os]}: ${checks.filter((c) => c.os === os).map((c) => `\`${c.command}\``).join(' or ')}`,
  )

  const tagline = capitalise(taglineFor(port, facts.id, named, records, uses))
  const sections: StorySection[] = [
    { id: 'what', heading: `What port ${port} is`, paragraphs: what },
    { id: 'registry', heading: 'What the registry says', paragraphs: registryParagraphs },
    { id: 'uses', heading: 'What actually uses it', paragraphs: usesParagraphs },
    { id: 'matters', heading: 'Why it matters', paragraphs: mattersParagraphs(port, named, uses, live) },
    { id: 'live', heading: 'On this machine now', paragraphs: liveParagraphs },
    { id: 'check', heading: 'How to check it yourself', paragraphs: checkParagraphs },
  ]
  return {
    port,
    protocol,
    title: `Port ${port}: ${name} — ${tagline}`,
    name,
    tagline,
    range: facts.id,
    rangeFacts: facts,
    ephemeral: { ...ephemeral, contains: containsEphemeral },
    sections,
    records: records.map((r) => toStoryRecord(r, recordCite)),
    uses,
    live,
    checks,
    sources: sources.list(),
    registry: { source: registry.source, asOf: registry.asOf },
  }
}

function registrationSentence(port: number, records: RegistryRecord[], named: RegistryRecord[]): string {
  if (named.length > 0) {
    const ranges = named.filter((r) => r.low !== r.high)
    if (ranges.length === named.length) {
      const r = ranges[0]
      return `${port} has no registration of its own: it lies inside ${r.service} ${r.low}-${r.high} (${r.description ?? r.service}), registered for ${protocolsOf(ranges)}${r.assignee ? ` to ${r.assignee}` : ''}.`
    }
    const services = [...new Set(named.map((r) => r.service))]
    const who = [...new Set(named.map((r) => r.assignee).filter(Boolean))]
    const dates = [...new Set(named.map((r) => r.registered).filter(Boolean))]
    const when = dates.length > 0 ? `registered ${dates.join(', ')}` : 'the registry gives no registration date (most assignments made before 2000 have none)'
    const many = services.length > 1 ? ` ${services.length} services share it, which the registry allows.` : ''
    return `IANA registers ${port} (${protocolsOf(named)}) as ${services.join(' and ')}${who.length > 0 ? `, assigned to ${who.join(' and ')}` : ''}; ${when}.${many}`
  }
  const reserved = reservedRecords(records)
  if (reserved.length > 0) return `IANA has reserved ${port} (${protocolsOf(reserved)}) without assigning it to any service.`
  return `IANA has not assigned ${port} to any service.`
}

function usesSection(port: number, uses: StoryUse[], records: RegistryRecord[], range: string, recordCite: number | null): string[] {
  const paragraphs: string[] = []
  for (const use of uses.filter((u) => u.kind === 'label')) paragraphs.push(`Your label: ${use.software}${use.note ? ` — ${use.note}` : ''}.`)
  const defaults = uses.filter((u) => u.kind === 'default')
  for (const use of defaults) {
    const where = use.platform ? ` (on ${OS_NAMES[use.platform]})` : ''
    const parts = [`${use.software}${where}, ${use.protocol}: ${use.recognize}${fn(use.source)}`]
    if (use.contrast) parts.push(use.contrast)
    if (use.note) parts.push(use.note)
    paragraphs.push(parts.join(' '))
  }
  if (defaults.length === 0 && !uses.some((u) => u.kind === 'label')) {
    paragraphs.push(range === 'dynamic'
      ? `Nothing by design: no widely used software is known to default to ${port}.`
      : `Not much, and nothing consistent: no widely used software is known to default to ${port}.`)
  }
  const reports = uses.filter((u) => u.kind === 'report')
  for (const use of reports) {
    const lead = reports.length === 1 ? 'One report' : 'A report'
    paragraphs.push(`${lead}, not a confirmed fact: a published port page says ${use.software} has been seen listening on ${port}${use.protocol ? `/${use.protocol}` : ''}${fn(use.source)}.${use.note ? ` ${use.note}` : ''}`)
  }
  for (const unauthorized of new Set(records.map((r) => r.unauthorizedUse).filter(Boolean))) {
    paragraphs.push(`IANA itself records unauthorized use: "${unauthorized}"${fn(recordCite)}.`)
  }
  return paragraphs
}

function taglineFor(port: number, range: string, named: RegistryRecord[], records: RegistryRecord[], uses: StoryUse[]): string {
  const defaults = uses.filter((u) => u.kind === 'default')
  const first = defaults[0] ? shortSoftware(defaults[0].software) : null
  const others = defaults.length === 2 ? ', or one other' : defaults.length > 2 ? `, or one of ${defaults.length - 1} others` : ''
  if (port === 0) return 'the port you ask for when any port will do'
  if (range === 'dynamic') return first ? `a dynamic port that belongs to nobody by design, though ${first} uses it by default` : 'a dynamic port that belongs to nobody by design'
  if (named.length > 0) {
    const matching = defaults.find((u) => u.contrast?.startsWith('Matches'))
    if (matching) return `${shortSoftware(matching.software)}'s registered port`
    if (first) return `a registry name that misleads: usually ${first}${others}`
    return 'a registered port waiting for a purpose'
  }
  if (reservedRecords(records).length > 0) return first ? `reserved by IANA, used by ${first}${others}` : 'reserved, and unused'
  return first ? `unassigned, but ${first} uses it${others}` : 'an unassigned port nobody has claimed'
}

function mattersParagraphs(port: number, named: RegistryRecord[], uses: StoryUse[], live: Row[]): string[] {
  const paragraphs: string[] = []
  if (live.some((r) => r.exposure === 'all')) {
    paragraphs.push(`Something here listens on ${port} on every interface, so other machines on the network can reach it unless a firewall stops them. If you don't recognise the owner, find out what it is before trusting it.`)
  }
  const hasDefault = uses.some((u) => u.kind === 'default')
  if (named.length > 0 && !hasDefault) {
    paragraphs.push(`A registry name is a claim, not a description of your machine. If you find something listening on ${port}, the name ${named[0].service} won't tell you what it is; the owning process will.`)
  } else if (hasDefault) {
    paragraphs.push(`A busy default: when ${port} is taken, the next program that wants it fails with "address already in use" or quietly moves to another port. The owning process, not the port number, says which one you have.`)
  } else {
    paragraphs.push(`An unclaimed number: anything may use ${port}, so only the owning process says what a listener here is.`)
  }
  return paragraphs
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)
