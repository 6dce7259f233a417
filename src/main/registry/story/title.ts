import type { PortRange } from '../../../shared/row'
import type { StoryOs, StoryUse } from '../../../shared/story'
import { OS_NAMES } from '../../../shared/checks'
import { isRange, type RegistryRecord } from '../record'
import { privateUseRecords, reservedRecords, type PortService } from './services'
import { shortSoftware } from './uses'

// A title is "Port N: <name people know> — <tagline>". Every tagline below is true of the case it is
// chosen for, by construction: it is picked from the facts, never a default that can land anywhere.

export interface TitleInput {
  port: number
  range: PortRange
  records: readonly RegistryRecord[]
  services: readonly PortService[]
  /** Ranked: uses on this OS first. */
  uses: readonly StoryUse[]
  os: StoryOs
}

export const MAX_TITLE = 70
/** Marks IANA's own words, which keep their case. */
const VERBATIM = '\u0000'

/** The port's name: its services as people know them; X11's block names the display. */
export function portName(input: TitleInput): string {
  const { services, records, port, range } = input
  if (services.length > 0) {
    const names = services.map((s) => {
      const record = s.records[0]
      if (s.serviceNames[0] === 'x11' && isRange(record) && record.low !== null) return `X11 display :${port - record.low}`
      return s.name
    })
    const unique = [...new Set(names)]
    return unique.length > 2 ? `${unique.slice(0, 2).join(' / ')} +${unique.length - 2}` : unique.join(' / ')
  }
  if (privateUseRecords(records).length > 0) return 'Private use'
  if (reservedRecords(records).length > 0) return 'Reserved'
  return range === 'dynamic' ? 'Dynamic/Private' : 'Unassigned'
}

const defaultsOf = (uses: readonly StoryUse[]) => uses.filter((u) => u.kind === 'default')
const matches = (u: StoryUse) => u.contrast?.startsWith('Matches the registry') === true

/** "Storybook's default", "Storybook's default, and 1 other", as short as the room allows. */
function defaultOf(uses: readonly StoryUse[], os: StoryOs): string[] {
  const here = uses.filter((u) => u.platform === null || u.platform === os)
  const [first] = here.length > 0 ? here : uses
  if (!first) return []
  // Software names keep their own case ("webpack-dev-server").
  const possessive = `${VERBATIM}${possessiveOf(shortSoftware(first.software))} default`
  const rest = uses.length - 1
  return rest > 0 ? [`${possessive}, and ${rest} other${rest > 1 ? 's' : ''}`, possessive] : [possessive]
}

/** Candidate taglines, best first; the first that fits the title length wins. */
function taglines(input: TitleInput, name: string): string[] {
  const { port, range, records, services, uses, os } = input
  const defaults = defaultsOf(uses)
  const [firstDefault] = defaults
  const [firstService] = services
  if (port === 0) return ['the port you ask for when any port will do']
  if (range === 'dynamic') {
    if (firstDefault) return [`dynamic, yet ${shortSoftware(firstDefault.software)} uses it by default`, 'a dynamic port, used by convention']
    if (uses.some((u) => u.kind === 'convention')) return [`a dynamic port ${shortSoftware((uses.find((u) => u.kind === 'convention') as StoryUse).software)} often uses`, 'a dynamic port, used by convention']
    return ['a dynamic port: never assigned, free for private use', 'a dynamic port, never assigned']
  }
  if (firstService) {
    const rfc = records.flatMap((r) => r.references).find((ref) => /^RFC \d+$/.test(ref.text))?.text
    const standard = range === 'system' || rfc !== undefined
    const experiment = records.some((r) => /^RFC3692-style Experiment/i.test(r.description ?? ''))
    if (experiment) return ['set aside for experiments, never a default (RFC 3692)', 'for experiments only']
    const matching = defaults.find(matches)
    const candidates: string[] = []
    // System ports and RFC-cited entries are named by their standard, not by one program that implements it.
    if (!standard) {
      if (matching) candidates.push(`${VERBATIM}${possessiveOf(shortSoftware(matching.software))} registered port`)
      else if (defaults.length > 0) candidates.push(...defaultOf(defaults, os))
    }
    const primary = firstService.records.find((r) => r.protocol === 'tcp' || r.protocol === 'udp') ?? firstService.records[0]
    const description = primary.description?.split('\n')[0]?.trim() ?? ''
    if (services.length === 1 && description && description.toLowerCase() !== name.toLowerCase() && description.toLowerCase() !== firstService.serviceNames[0].toLowerCase()) candidates.push(`${VERBATIM}${description}`)
    if (rfc) candidates.push(`IANA's entry cites ${rfc}`)
    if (services.length > 1) candidates.push(`${services.length} services registered on one port`)
    if (range === 'system') candidates.push('a System port')
    else if (defaults.length > 0) {
      const platform = matching?.platform ? ` on ${OS_NAMES[matching.platform]}` : ''
      candidates.push(matching ? `registered, and used as registered${platform}` : 'a registered port used by other software')
    }
    if (candidates.length === 0) candidates.push('a registered port waiting for a purpose')
    return candidates
  }
  if (privateUseRecords(records).length > 0) return ['set aside by IANA for private use']
  if (reservedRecords(records).length > 0) {
    const withdrawn = /De-assigned on (\d{4})-\d{2}-\d{2}, previously ([^\s,]+)/i.exec(reservedRecords(records).map((r) => r.notes ?? '').join(' '))
    if (firstDefault) return [`reserved, yet ${shortSoftware(firstDefault.software)} uses it by default`, 'reserved, used anyway']
    if (withdrawn) return [`reserved; ${withdrawn[2]} until ${withdrawn[1]}`, 'reserved, formerly assigned']
    return ['reserved by IANA, assigned to no service', 'reserved']
  }
  // The name already says "Unassigned": the tagline adds what is known beyond it.
  if (defaults.length > 0) return [`${defaultOf(defaults, os).at(-1)}`, 'used by convention']
  return ['no service is registered on it', 'no registered service']
}

export function titleFor(input: TitleInput): { name: string; tagline: string; title: string } {
  const name = portName(input)
  const options = taglines(input, name).map(capitalise)
  const fits = options.find((t) => `Port ${input.port}: ${name} — ${t}`.length <= MAX_TITLE)
  const tagline = fits ?? [...options].sort((a, b) => a.length - b.length)[0] ?? ''
  // A name too long for any tagline keeps its start: the tagline carries the facts.
  const room = MAX_TITLE - `Port ${input.port}:  — ${tagline}`.length
  const shown = name.length <= Math.max(room, 16) ? name : `${name.slice(0, Math.max(room, 16) - 1).trimEnd()}…`
  return { name, tagline, title: `Port ${input.port}: ${shown} — ${tagline}` }
}

/** "Redis's", "Next.js's", but "Web Services for Devices'". */
const possessiveOf = (name: string) => (/\s\S*s$/.test(name) ? `${name}'` : `${name}'s`)

const capitalise = (text: string) => (text.startsWith(VERBATIM) ? text.slice(1) : text.charAt(0).toUpperCase() + text.slice(1))
