// How the table words a row's fields, shared by the cells, the row tooltip, the filter and the copy formats.
import { commandLineText } from '../../../shared/command-line'
import { endpoint } from '../../../shared/endpoint'
import type { Row } from '../../../shared/row'
import { describeOwner } from './format'

/** The kernel's state words as a person reads them; other TCP states (TIME-WAIT, …) keep the kernel's word. */
const STATE_WORDS: Record<string, string> = { LISTEN: 'listening', UNCONN: 'bound', ESTAB: 'established' }
const STATE_HINTS: Record<string, string> = {
  LISTEN: 'TCP socket accepting connections (the kernel says LISTEN)',
  UNCONN: 'UDP socket bound to this port, receiving from any sender (ss says UNCONN: not connected to one peer)',
  ESTAB: 'Connection established (ESTAB)',
}

export function describeState(row: Pick<Row, 'state'>): string {
  return STATE_WORDS[row.state] ?? row.state
}

export function stateHint(row: Pick<Row, 'state'>): string {
  return STATE_HINTS[row.state] ?? `TCP state ${row.state}`
}

export function commandText(row: Row): string {
  return commandLineText(row.commandLine)
}

/** A listener's open connections: the activity's count (every poll), else the one counted from collected connections. */
export function connectionsOf(row: Row): number | null {
  return row.activity?.connections ?? row.connections ?? null
}

/** The peer of a connection, "" for a listener. */
export function remoteText(row: Row): string {
  return row.remotePort === null ? '' : endpoint(row.remoteAddress ?? '?', row.remotePort)
}

function when(epochMs: number): string {
  return new Date(epochMs).toLocaleString()
}

/** The row tooltip: who holds it, with everything the OS told, and the two ages by their names. */
export function rowTooltip(row: Row): string {
  const lines = [`${row.protocol}${row.family === 6 ? '6' : ''} ${endpoint(row.address, row.port)}${row.remotePort === null ? '' : ` → ${remoteText(row)}`}`]
  lines.push(`Process: ${describeOwner(row)}${row.pid === null ? '' : ` (pid ${row.pid})`}`)
  if (row.commandLine) lines.push(`Command line: ${commandText(row)}`)
  if (row.executable) lines.push(`Executable: ${row.executable}`)
  if (row.user) lines.push(`User: ${row.user}`)
  else if (row.uid !== null) lines.push(`User: uid ${row.uid}`)
  if (row.processStart != null) lines.push(`Process started: ${when(row.processStart)}`)
  lines.push(`Held by this process since: ${when(row.since)}${row.pid === null ? '' : ' (as far as Portolan has watched)'}`)
  if (row.firstSeen !== undefined) lines.push(`First seen on this machine: ${when(row.firstSeen)}`)
  return lines.join('\n')
}
