import { formatBytes, formatRate, type Activity } from '../../../shared/activity'

/** The Activity cell: "3 conn · ↓1.2 kB/s ↑300 B/s"; rates only while something moves. */
export function activityCell(a: Activity): string {
  const parts: string[] = []
  if (a.connections !== null) parts.push(`${a.connections} conn`)
  if (a.acceptQueue) parts.push(`queue ${a.acceptQueue}`)
  if (a.receiveRate > 0 || a.sendRate > 0) parts.push(`↓${formatRate(a.receiveRate)} ↑${formatRate(a.sendRate)}`)
  else if (a.connections === null) parts.push(`↓${formatBytes(a.bytesReceived)} ↑${formatBytes(a.bytesSent)}`)
  return parts.join(' · ')
}

/** Every measured number, one per line, for the cell's tooltip. */
export function activityLines(a: Activity): string[] {
  const lines: string[] = []
  if (a.connections !== null) lines.push(`open connections: ${a.connections}`)
  if (a.acceptQueue !== null) lines.push(`accept queue: ${a.acceptQueue}${a.acceptBacklog !== null ? ` of ${a.acceptBacklog}` : ''}`)
  lines.push(`received: ${formatBytes(a.bytesReceived)} (${formatRate(a.receiveRate)})`)
  lines.push(`sent, acknowledged: ${formatBytes(a.bytesSent)} (${formatRate(a.sendRate)})`)
  if (a.rttMs !== null) lines.push(`round trip: ${a.rttMs < 1 ? a.rttMs.toFixed(3) : a.rttMs.toFixed(1)} ms`)
  if (a.connections !== null) lines.push('bytes and rates: over the connections open now (tcp_info)')
  return lines
}
