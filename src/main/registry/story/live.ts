import type { Exposure, Row } from '../../../shared/row'
import type { StoryHolder } from '../../../shared/story'
import { recognizeHolder } from './holder'

const EXPOSURE_TEXT: Record<Exposure, string> = {
  loopback: 'this machine only (loopback)',
  all: 'every interface: reachable from the network unless a firewall stops it',
  specific: 'one interface address',
}

/** What the OS says about a socket's process beyond the row (Linux: /proc); every field may be unknown. */
export interface ProcessFacts {
  commandLine: string[] | null
  executable: string | null
  user: string | null
  /** Epoch ms. */
  startTime: number | null
}

export function liveRowsAt(rows: readonly Row[], port: number, protocol: 'tcp' | 'udp' | null): Row[] {
  return rows.filter((row) => row.port === port && (protocol === null || row.protocol === protocol))
}

function hostPort(row: Row): string {
  return row.family === 6 && !row.address.startsWith('[') ? `[${row.address}]:${row.port}` : `${row.address}:${row.port}`
}

export function holderOf(row: Row, facts: ProcessFacts | null): StoryHolder {
  const recognized = recognizeHolder({ process: row.process, commandLine: facts?.commandLine ?? null, executable: facts?.executable ?? null, container: row.container })
  return {
    rowId: row.id,
    protocol: row.protocol,
    address: row.address,
    port: row.port,
    exposure: row.exposure,
    pid: row.pid,
    process: row.process,
    commandLine: facts?.commandLine ?? null,
    user: facts?.user ?? null,
    uid: row.uid,
    startTime: facts?.startTime ?? null,
    since: row.since,
    container: row.container,
    software: recognized?.software ?? null,
    evidence: recognized?.evidence ?? null,
  }
}

/** A command line for reading, cut short: some are kilobytes of flags. */
function shownCommand(args: readonly string[]): string {
  const text = args.map((a) => (/[\s"']/.test(a) ? JSON.stringify(a) : a)).join(' ')
  return text.length > 160 ? `${text.slice(0, 157)}…` : text
}

function ownerText(row: Row): string {
  if (row.process) return `${row.process}${row.pid !== null ? ` (pid ${row.pid})` : ''}`
  if (row.pid !== null) return `pid ${row.pid}`
  return row.ownerHidden ? "an owner hidden from this user (another user's socket; run as root to see it)" : 'no process (a kernel-owned socket)'
}

/** "On this machine it is Vite dev server: …": the recognised software first, then the evidence. */
export function holderLead(holders: readonly StoryHolder[], port: number): string | null {
  const known = [...new Map(holders.filter((h) => h.software).map((h) => [h.software, h])).values()]
  if (known.length === 0) return null
  const what = known.map((h) => `${h.software} (${h.evidence})`)
  return `On this machine ${port} is held by ${what.length === 1 ? what[0] : `${what.slice(0, -1).join(', ')} and ${what.at(-1)}`}.`
}

/**
 * One socket's details. `ownerSaid`: a holder sentence already named its process and exposure, so the line
 * starts with the socket alone instead of saying them again.
 */
export function describeLiveRow(row: Row, holder: StoryHolder, { ownerSaid = false } = {}): string {
  const state = row.state === 'LISTEN' || row.state === 'UNCONN' ? '' : `, ${row.state}${row.remoteAddress ? ` with ${row.remoteAddress}:${row.remotePort}` : ''}`
  const container = row.container ? ` for Docker container ${row.container.name} (${row.container.image})` : ''
  const parts = [ownerSaid ? `${row.protocol} ${hostPort(row)}${container}${state}.` : `${row.protocol} ${hostPort(row)}: ${ownerText(row)}${container}; exposed to ${EXPOSURE_TEXT[row.exposure]}${state}.`]
  if (holder.commandLine && holder.commandLine.length > 0) parts.push(`Command line: \`${shownCommand(holder.commandLine)}\`.`)
  const user = holder.user ?? (holder.uid !== null ? `uid ${holder.uid}` : null)
  if (user) parts.push(`User ${user}.`)
  if (holder.startTime !== null) parts.push(`Process started ${new Date(holder.startTime).toISOString()}.`)
  parts.push(`Seen since ${new Date(row.since).toISOString()}.`)
  return parts.join(' ')
}
