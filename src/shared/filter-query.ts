// The table's filter text as people type it: `:3000`, `port:3000-3999`, `proc:node`, `-proc:chrome`,
// `user:ana`, `proto:udp`, `exposure:all`, and plain words matched across the columns. Pure, so the page,
// its tests and the CLI read a query the same way.
import { commandLineText } from './command-line'
import { MAX_PORT, type Row } from './row'

export const FILTER_KEYS = ['port', 'proc', 'pid', 'user', 'proto', 'exposure', 'state', 'addr', 'remote', 'service', 'label', 'cmd', 'container'] as const
export type FilterKey = (typeof FILTER_KEYS)[number]

/** Other spellings people reach for. */
const KEY_ALIASES: Readonly<Record<string, FilterKey>> = {
  process: 'proc', program: 'proc', protocol: 'proto', address: 'addr', local: 'addr', peer: 'remote', svc: 'service',
  command: 'cmd', uid: 'user', owner: 'user', expo: 'exposure', ctr: 'container',
}

export type FilterTerm =
  | { kind: 'port'; from: number; to: number; negate: boolean; source: string }
  | { kind: 'field'; key: Exclude<FilterKey, 'port'>; value: string; negate: boolean; source: string }
  | { kind: 'text'; value: string; negate: boolean; source: string }

export interface FilterQuery {
  terms: FilterTerm[]
  /** One sentence per term that could not be read (it is left out of the filter). */
  problems: string[]
}

interface Token {
  negate: boolean
  body: string
  /** "Quoted" words are plain text, whatever they hold (`"-e"`, `"proc:x"`). */
  quoted: boolean
  source: string
}

/** Words separated by spaces; "double quotes" keep spaces inside one word; a leading - negates. */
function tokens(text: string): Token[] {
  return [...text.matchAll(/(-?)(?:"([^"]*)"?|(\S+))/g)].map(([source, dash, quotedText, word]) => {
    const quoted = quotedText !== undefined
    // A lone "-" is a word, not a negation of nothing; "--port" (an argument) is a word too.
    const negatedWord = dash === '-' && word !== undefined && !word.startsWith('-') ? word : undefined
    return { negate: dash === '-' && (quoted || negatedWord !== undefined), body: quotedText ?? negatedWord ?? source, quoted, source }
  })
}

function portRange(text: string): { from: number; to: number } | null {
  const match = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(text)
  if (!match) return null
  const from = Number(match[1])
  const to = match[2] === undefined ? from : Number(match[2])
  if (from > MAX_PORT || to > MAX_PORT || to < from) return null
  return { from, to }
}

function keyOf(name: string): FilterKey | null {
  const lower = name.toLowerCase()
  if ((FILTER_KEYS as readonly string[]).includes(lower)) return lower as FilterKey
  return KEY_ALIASES[lower] ?? null
}

export function parseFilterQuery(text: string): FilterQuery {
  const terms: FilterTerm[] = []
  const problems: string[] = []
  for (const { negate, body, quoted, source: token } of tokens(text)) {
    if (body === '') continue
    if (quoted) {
      terms.push({ kind: 'text', value: body.toLowerCase(), negate, source: token })
      continue
    }
    // ":3000" and ":3000-3999", but not "::1" (an IPv6 address is plain text).
    const bare = /^:(\d[\d-]*)$/.exec(body)?.[1]
    const [, keyName, keyValue = ''] = /^([a-z]+):(.*)$/i.exec(body) ?? []
    const key = keyName === undefined ? null : keyOf(keyName)
    if (bare !== undefined || key === 'port') {
      const range = portRange(bare ?? keyValue)
      if (range) terms.push({ kind: 'port', ...range, negate, source: token })
      else problems.push(`"${token}" is not a port or range (try port:3000 or port:3000-3999)`)
    } else if (key) {
      const value = keyValue.toLowerCase()
      if (value === '') problems.push(`"${token}" needs a value after the colon (like ${key}:${EXAMPLES[key]})`)
      else terms.push({ kind: 'field', key, value, negate, source: token })
    } else {
      terms.push({ kind: 'text', value: body.toLowerCase(), negate, source: token })
    }
  }
  return { terms, problems }
}

const EXAMPLES: Readonly<Record<FilterKey, string>> = {
  port: '3000', proc: 'node', pid: '1234', user: 'root', proto: 'udp', exposure: 'all', state: 'listen', addr: '127.0.0.1',
  remote: '10.0.0.2', service: 'http', label: 'dev', cmd: 'manage.py', container: 'web',
}

/** The port a query names alone (`3000`, `:3000`, `port:3000`), for "Open the story of port N"; else null. */
export function singlePortOf(text: string): number | null {
  const trimmed = text.trim()
  if (/^\d{1,5}$/.test(trimmed)) return Number(trimmed) <= MAX_PORT ? Number(trimmed) : null
  const { terms, problems } = parseFilterQuery(trimmed)
  const [term] = terms
  return problems.length === 0 && terms.length === 1 && term?.kind === 'port' && !term.negate && term.from === term.to ? term.from : null
}

const includes = (value: string | null | undefined, wanted: string): boolean => value != null && value.toLowerCase().includes(wanted)

/** Exposure words: the stored ones, what the table shows, and "exposed" for anything beyond loopback. */
function exposureMatches(row: Row, wanted: string): boolean {
  if (wanted === 'exposed' || wanted === 'public') return row.exposure !== 'loopback'
  if (wanted === 'local') return row.exposure === 'loopback'
  return row.exposure.startsWith(wanted) || (wanted === 'all interfaces' && row.exposure === 'all')
}

/** Protocol words: tcp, udp, and tcp6/udp4 (protocol and family at once), as the Proto column shows them. */
function protocolMatches(row: Row, wanted: string): boolean {
  const match = /^(tcp|udp)?([46])?$/.exec(wanted)
  if (!match || (!match[1] && !match[2])) return false
  const family = match[2] === undefined ? null : Number(match[2])
  const familyOk = family === null || row.family === family || (family === 4 && row.dualStack === true)
  return (match[1] === undefined || row.protocol === match[1]) && familyOk
}

/** The kernel's state word or the table's ("listening", "bound", "established"). */
const STATE_WORDS: Readonly<Record<string, string>> = { LISTEN: 'listening', UNCONN: 'bound', ESTAB: 'established' }

function fieldMatches(row: Row, key: Exclude<FilterKey, 'port'>, value: string): boolean {
  switch (key) {
    case 'proc':
      return includes(row.process, value) || includes(row.container?.name, value)
    case 'pid':
      return row.pid !== null && String(row.pid) === value
    case 'user':
      return includes(row.user, value) || (row.uid !== null && String(row.uid) === value)
    case 'proto':
      return protocolMatches(row, value)
    case 'exposure':
      return exposureMatches(row, value)
    case 'state':
      return includes(row.state, value) || includes(STATE_WORDS[row.state], value)
    case 'addr':
      return includes(row.address, value)
    case 'remote':
      return includes(row.remoteAddress, value) || (row.remotePort !== null && String(row.remotePort) === value)
    case 'service':
      return includes(row.service, value) || includes(row.description, value)
    case 'label':
      return includes(row.label, value)
    case 'cmd':
      return includes(commandLineText(row.commandLine), value) || includes(row.executable, value)
    case 'container':
      return includes(row.container?.name, value) || includes(row.container?.image, value)
  }
}

function termMatches(row: Row, term: FilterTerm, haystack: (row: Row) => string): boolean {
  if (term.kind === 'port') return row.port >= term.from && row.port <= term.to
  if (term.kind === 'field') return fieldMatches(row, term.key, term.value)
  return haystack(row).includes(term.value)
}

/**
 * A predicate for the query. Every word must match, except that words with the same key are
 * alternatives (`proto:tcp proto:udp`, `:80 :443`); a negated word must not match. `haystack` is
 * everything plain words look through, lower-cased (the page's: what its columns show).
 */
export function queryMatcher(query: FilterQuery, haystack: (row: Row) => string): ((row: Row) => boolean) | null {
  if (query.terms.length === 0) return null
  const groups = new Map<string, FilterTerm[]>()
  const required: FilterTerm[] = []
  for (const term of query.terms) {
    if (term.negate || term.kind === 'text') {
      required.push(term)
      continue
    }
    const group = term.kind === 'port' ? 'port' : term.key
    groups.set(group, [...(groups.get(group) ?? []), term])
  }
  const alternatives = [...groups.values()]
  return (row) =>
    required.every((term) => termMatches(row, term, haystack) !== term.negate) &&
    alternatives.every((group) => group.some((term) => termMatches(row, term, haystack)))
}
