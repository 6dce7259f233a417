import type { Protocol, Row } from '../../../shared/row'
import type { EphemeralRange, PortLabel, Story, StorySection, StoryUse } from '../../../shared/story'
import { OS_NAMES, checksFor } from '../../../shared/checks'
import { knownUsesAt, type KnownUse } from '../known-ports'
import { rangeFacts } from '../ranges'
import type { RegistryRecord } from '../record'
import { registrySentence, type RegistryOrigin } from '../source-sentence'
import { describeLiveRow, holderLead, holderOf, liveRowsAt, type ProcessFacts } from './live'
import { holderSentences } from './holder-sentence'
import { listWords, registryParagraphs, toStoryRecord, visibleRecords } from './records'
import { registryScale } from './scale'
import { noteApplies, privateUseRecords, reservedRecords, servicesOf } from './services'
import { EPHEMERAL_SOURCES, PRIVILEGED_PORT_SOURCES, RFC6335, SHARED_BY_DESIGN, SourceList, fn, ianaEntry } from './sources'
import { titleFor } from './title'
import { knownUse, labelUse, rankUses } from './uses'

/** What the story needs of a registry. */
export interface StoryRegistry extends RegistryOrigin {
  records: readonly RegistryRecord[]
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
  /** What the OS tells about a live row's process (command line, user, start time); absent where it cannot. */
  processFacts?: (row: Row) => ProcessFacts | null
}

const RANGE_SENTENCE = {
  system: 'IANA assigns these only through IETF Review or IESG Approval.',
  user: 'Anyone may ask IANA to register one of these; a registration records a claim, not that anything actually uses the port.',
  dynamic: 'IANA never assigns these: they are left for private use and for the short-lived ports operating systems give outgoing connections.',
} as const

const count = (n: number) => n.toLocaleString('en-US')

/** The story of one port: pure, from the registry, curated uses, labels and the live rows given. */
export function tellStory(input: StoryInput): Story {
  const { port, protocol, registry, ephemeral } = input
  const sources = new SourceList()
  const facts = rangeFacts(port)
  const records = visibleRecords(registry.recordsAt(port), protocol)
  const services = servicesOf(records)
  const curatedAll = input.knownUses ? input.knownUses.filter((u) => u.port === port && (protocol === null || u.protocol === protocol)) : knownUsesAt(port, protocol)
  const curated = rankUses(curatedAll, ephemeral.os)
  const labels = (input.labels ?? []).filter((l) => l.port === port && (protocol === null || l.protocol === null || l.protocol === protocol))
  const live = liveRowsAt(input.live, port, protocol)
  const held = live.map((row) => ({ row, holder: holderOf(row, input.processFacts?.(row) ?? null) }))
  const holders = held.map(({ holder }) => holder)
  const containsEphemeral = ephemeral.low <= port && port <= ephemeral.high
  const iana = ianaEntry(port)
  const osName = OS_NAMES[ephemeral.os]
  const source = registrySentence(registry)

  // On this machine now: first when something holds the port.
  const saidHolders = holderSentences(live)
  const liveParagraphs = live.length > 0
    ? [
        holderLead(holders, port),
        ...saidHolders.values(),
        ...held.map(({ row, holder }) => describeLiveRow(row, holder, { ownerSaid: row.pid !== null && saidHolders.has(row.pid) })),
      ].filter((p): p is string => p !== null)
    : [`Nothing on this machine is listening on ${port}${protocol ? `/${protocol}` : ''} right now.`]

  // What port N is.
  const rfc = sources.cite(RFC6335.title, RFC6335.url)
  const what: string[] = []
  if (port === 0) what.push('Port 0 is reserved. A program that asks to listen on port 0 is given whatever free port the operating system picks, so nothing normally listens on 0 itself.')
  if (port === 65535) what.push('65535 is the highest port number there is: the port field in TCP and UDP headers is 16 bits wide.')
  what.push(`Port ${port} is in the ${facts.name} range (${facts.low}–${facts.high}), which RFC 6335 calls ${facts.name} Ports and people often call "${facts.commonName}" ports [${rfc}]. ${RANGE_SENTENCE[facts.id]}`)
  if (facts.id === 'system') {
    const cite = (os: keyof typeof PRIVILEGED_PORT_SOURCES) => fn(sources.cite(PRIVILEGED_PORT_SOURCES[os].title, PRIVILEGED_PORT_SOURCES[os].url))
    what.push(`On Linux only privileged processes may listen on them, unless an administrator lowers net.ipv4.ip_unprivileged_port_start (1024 by default)${cite('linux')}; macOS has let ordinary processes listen on them on all interfaces since Mojave${cite('macos')}, and Windows has no privileged ports${cite('windows')}.`)
  }
  const recordCite = records.length > 0 ? sources.cite(iana.title, iana.url) : null
  what.push(registrationSentence(port, records, services) + fn(recordCite))
  const refs = [...new Map(records.flatMap((r) => r.references).filter((r) => r.url).map((r) => [r.text, r])).values()]
  if (refs.length > 0) what.push(`The registry cites ${listWords(refs.map((ref) => `${ref.text}${fn(sources.cite(ref.text, ref.url as string))}`))}.`)
  const kernel = EPHEMERAL_SOURCES[ephemeral.os]
  const ephemeralCite = sources.cite(kernel.title, kernel.url)
  const origin = ephemeral.origin === 'default' ? `${osName}'s default` : `${osName}, from ${ephemeral.origin}`
  what.push(
    containsEphemeral
      ? `This machine gives outgoing connections ports ${ephemeral.low}–${ephemeral.high} (${origin}) [${ephemeralCite}], and ${port} is inside that range: a connection using ${port} with no listener behind it is probably a short-lived client port on ${osName}, not a service.`
      : `This machine gives outgoing connections ports ${ephemeral.low}–${ephemeral.high} (${origin}) [${ephemeralCite}]; ${port} is outside that range, so ${osName} does not hand it to short-lived client sockets.`,
  )
  const scale = registryScale(registry.records)
  const sideBySide = scale.ranges.map((r) => `${r.name} ${r.low}–${r.high}: ${count(r.size)} ports, ${r.id === 'dynamic' && r.named === 0 ? 'none assigned' : `${count(r.named)} with a named service`}`)
  what.push(`The three ranges side by side, in the registry Portolan uses: ${sideBySide.join('; ')}. In all, IANA names a service on ${count(scale.named)} of the 65,536 ports.`)

  // What the registry says.
  const registryText = records.length > 0
    ? registryParagraphs(records, port, fn(recordCite))
    : [facts.id === 'dynamic' ? `The registry has no record for ${port}: it never does for the dynamic range.` : `The registry has no record for ${port}.`]
  registryText.push(`Portolan's copy: ${source}.`)

  // What actually uses it.
  const uses: StoryUse[] = labels.map(labelUse)
  for (const use of curated) uses.push(knownUse(use, records, facts.id, sources.cite(use.sourceTitle, use.url)))
  const usesText = usesParagraphs(port, uses, records, facts.id, recordCite, ephemeral.os)

  const checks = checksFor(port, protocol)
  const checkParagraphs = (['linux', 'macos', 'windows'] as const).map(
    (os) => `${OS_NAMES[os]}: ${checks.filter((c) => c.os === os).map((c) => `\`${c.command}\``).join(' or ')}`,
  )

  const shared = SHARED_BY_DESIGN.find((s) => s.port === port && (protocol === null || protocol === s.protocol))
  const matters = mattersParagraphs(port, services.length > 0, uses, live, shared ? `${shared.text}${fn(sources.cite(shared.title, shared.url))}` : null)

  const { name, tagline, title } = titleFor({ port, range: facts.id, records, services, uses, os: ephemeral.os })
  const liveSection: StorySection = { id: 'live', heading: 'On this machine now', paragraphs: liveParagraphs }
  const sections: StorySection[] = [
    ...(live.length > 0 ? [liveSection] : []),
    { id: 'what', heading: `What port ${port} is`, paragraphs: what },
    { id: 'registry', heading: 'What the registry says', paragraphs: registryText },
    { id: 'uses', heading: 'What actually uses it', paragraphs: usesText },
    { id: 'matters', heading: 'Why it matters', paragraphs: matters },
    ...(live.length > 0 ? [] : [liveSection]),
    { id: 'check', heading: 'How to check it yourself', paragraphs: checkParagraphs },
  ]
  return {
    port,
    protocol,
    title,
    name,
    tagline,
    range: facts.id,
    rangeFacts: facts,
    ephemeral: { ...ephemeral, contains: containsEphemeral },
    sections,
    records: records.map((r) => toStoryRecord(r, recordCite)),
    uses,
    live,
    holders,
    checks,
    sources: sources.list(),
    registry: { source: registry.source, asOf: registry.asOf, description: source },
    scale,
  }
}

function registrationSentence(port: number, records: RegistryRecord[], services: ReturnType<typeof servicesOf>): string {
  const [first] = services
  if (first) {
    const ranged = services.every((s) => s.records.every((r) => r.low !== r.high))
    if (ranged) {
      const r = first.records[0]
      return `${port} has no registration of its own: it lies inside IANA's ${r.service} block ${r.low}-${r.high} (${first.name}), registered for ${listWords([...new Set(first.records.map((x) => x.protocol ?? 'any protocol'))])}.`
    }
    const protocols = [...new Set(services.flatMap((s) => s.records.map((r) => r.protocol ?? 'any protocol')))]
    const names = services.map((s) => (s.name.toLowerCase() === s.serviceNames[0].toLowerCase() ? s.name : `${s.name} (${s.serviceNames[0]})`))
    const parts = [`IANA registers ${port} for ${listWords(names)}, on ${listWords(protocols)}.`]
    if (services.length > 1) parts.push(`${services.length} services share it, which the registry allows.`)
    const dated = services.map((s) => ({ s, date: s.records.map((r) => r.registered).filter((d): d is string => d !== null).sort()[0] })).filter((x) => x.date)
    if (dated.length > 0) parts.push(`${listWords(dated.map(({ s, date }) => `${s.name} was registered ${date}`))}.`)
    else parts.push('The registry gives no registration date for it (most assignments made before 2000 have none).')
    return parts.join(' ')
  }
  const reserved = reservedRecords(records)
  const privateUse = privateUseRecords(records)
  const [privateFirst] = privateUse
  if (privateFirst) return `IANA sets ${port} aside for ${privateFirst.description} (${listWords([...new Set(privateUse.map((r) => r.protocol ?? 'any protocol'))])}): it is for private use, not assigned to any service.`
  if (reserved.length > 0) {
    const withdrawn = /De-assigned on (\d{4}-\d{2}-\d{2}), previously ([^\s,]+)/i.exec(reserved.map((r) => r.notes ?? '').join(' '))
    const what = `IANA has reserved ${port} (${listWords([...new Set(reserved.map((r) => r.protocol ?? 'any protocol'))])}) without assigning it to any service`
    return withdrawn ? `${what}; it was ${withdrawn[2]} until ${withdrawn[1]}.` : `${what}.`
  }
  return `IANA has not assigned ${port} to any service.`
}

function usesParagraphs(port: number, uses: StoryUse[], records: RegistryRecord[], range: string, recordCite: number | null, os: keyof typeof OS_NAMES): string[] {
  const paragraphs: string[] = []
  for (const use of uses.filter((u) => u.kind === 'label')) paragraphs.push(`Your label: ${use.software}${use.note ? ` — ${use.note}` : ''}.`)
  const defaults = uses.filter((u) => u.kind === 'default' || u.kind === 'convention')
  for (const use of defaults) {
    const where = use.platform ? ` (on ${OS_NAMES[use.platform]}${use.platform !== os ? ', not this system' : ''})` : ''
    const how = use.kind === 'convention' ? ' (a common choice, not a default)' : ''
    const parts = [`${use.software}${where}, ${use.protocol}${how}: ${use.recognize}${fn(use.source)}`]
    if (use.contrast) parts.push(use.contrast)
    if (use.note) parts.push(use.note)
    paragraphs.push(parts.join(' '))
  }
  if (defaults.length === 0 && !uses.some((u) => u.kind === 'label')) {
    // Said of Portolan's sources, not of the world: a port with no curated use may still be some program's default.
    paragraphs.push(range === 'dynamic' ? `Nothing by design, and no software Portolan's sources know of defaults to ${port}.` : `No software that Portolan's sources know of defaults to ${port}.`)
  }
  const reports = uses.filter((u) => u.kind === 'report')
  for (const use of reports) {
    const lead = reports.length === 1 ? 'One report' : 'A report'
    paragraphs.push(`${lead}, not a confirmed fact: a published port page says ${use.software} has been seen listening on ${port}${use.protocol ? `/${use.protocol}` : ''}${fn(use.source)}.${use.note ? ` ${use.note}` : ''}`)
  }
  const reported = new Set<string>()
  for (const record of records) {
    const text = record.unauthorizedUse
    if (!text || reported.has(text) || !noteApplies(record, text, port)) continue
    reported.add(text)
    paragraphs.push(/^yes$/i.test(text.trim()) ? `IANA itself records that unauthorized use of ${port} has been reported${fn(recordCite)}.` : `IANA itself records unauthorized use: "${text}"${fn(recordCite)}.`)
  }
  return paragraphs
}

function mattersParagraphs(port: number, named: boolean, uses: StoryUse[], live: Row[], shared: string | null): string[] {
  const paragraphs: string[] = []
  if (live.some((r) => r.exposure === 'all')) {
    paragraphs.push(`Something here listens on ${port} on every interface, so other machines on the network can reach it unless a firewall stops them. If you don't recognise the owner, find out what it is before trusting it.`)
  }
  const hasDefault = uses.some((u) => u.kind === 'default' || u.kind === 'convention')
  if (shared) paragraphs.push(shared)
  else if (hasDefault) {
    paragraphs.push(`A busy default: when ${port} is taken, the next program that wants it fails with "address already in use" or moves to another port. The owning process, not the port number, says which one you have.`)
  } else if (named) {
    paragraphs.push(`A registry name is a claim, not a description of your machine. If you find something listening on ${port}, the registry won't tell you what it is; the owning process will.`)
  } else {
    paragraphs.push(`An unclaimed number: anything may use ${port}, so only the owning process says what a listener here is.`)
  }
  return paragraphs
}
