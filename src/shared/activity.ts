// What a TCP socket is doing, from the kernel's own counters (sock_diag INET_DIAG_INFO), without packet capture.

export interface Activity {
  /** Listeners: open connections it accepted (same local address and port); null for a connection. */
  connections: number | null
  /** Listeners: connections waiting in the accept queue now, and the queue's limit (the listen() backlog). */
  acceptQueue: number | null
  acceptBacklog: number | null
  /** Bytes the peer acknowledged, and bytes received, over the open connection(s); a listener sums its connections. */
  bytesSent: number
  bytesReceived: number
  /** Bytes per second since the previous poll. */
  sendRate: number
  receiveRate: number
  /** Smoothed round-trip time (a listener: the mean over its connections); null when unknown. */
  rttMs: number | null
  /** Recent send + receive rates, oldest first, one per poll, for a sparkline. */
  history: number[]
}

/** One socket's activity as the collector measures it each poll, before the monitor adds its history. */
export type ActivitySample = Omit<Activity, 'history'> & { id: string }

/** "1.2 kB", "3.4 MB": decimal units, as network tools count. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${Math.round(bytes)} B`
  const units = ['kB', 'MB', 'GB', 'TB']
  let value = bytes
  let unit = -1
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000
    unit += 1
  }
  return `${value >= 100 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`
}

export function formatRate(bytesPerSecond: number): string {
  return `${formatBytes(bytesPerSecond)}/s`
}

export function sameActivity(a: Activity | null | undefined, b: Activity | null | undefined): boolean {
  if (a === b) return true
  if (!a || !b) return false
  return (
    a.connections === b.connections &&
    a.acceptQueue === b.acceptQueue &&
    a.acceptBacklog === b.acceptBacklog &&
    a.bytesSent === b.bytesSent &&
    a.bytesReceived === b.bytesReceived &&
    a.sendRate === b.sendRate &&
    a.receiveRate === b.receiveRate &&
    a.rttMs === b.rttMs &&
    a.history.length === b.history.length &&
    a.history.every((v, i) => v === b.history[i])
  )
}
