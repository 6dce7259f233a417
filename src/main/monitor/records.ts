import type { SocketRecord } from './collector'

const PROTOCOLS = new Set(['tcp', 'udp'])

function isPort(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 65535
}

function isPidOrNull(value: unknown): boolean {
  return value === null || (typeof value === 'number' && Number.isInteger(value) && value > 0)
}

/** Why a collector's record is malformed, or null when it is fine. */
export function recordProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return 'not an object'
  const r = value as Record<string, unknown>
  if (!PROTOCOLS.has(r.protocol as string)) return `protocol ${JSON.stringify(r.protocol)} is not tcp or udp`
  if (r.family !== 4 && r.family !== 6) return `family ${JSON.stringify(r.family)} is not 4 or 6`
  if (typeof r.address !== 'string' || r.address === '') return 'address is missing'
  if (!isPort(r.port)) return `port ${JSON.stringify(r.port)} is not 0-65535`
  if (typeof r.state !== 'string' || r.state === '') return 'state is missing'
  if (!isPidOrNull(r.pid)) return `pid ${JSON.stringify(r.pid)} is not a positive integer or null`
  if (r.process !== null && typeof r.process !== 'string') return 'process is not a string or null'
  if (r.remotePort !== null && !isPort(r.remotePort)) return `remote port ${JSON.stringify(r.remotePort)} is not 0-65535`
  if (r.remoteAddress != null && typeof r.remoteAddress !== 'string') return 'remote address is not a string or null'
  if (r.uid != null && !(typeof r.uid === 'number' && Number.isInteger(r.uid) && r.uid >= 0)) return `uid ${JSON.stringify(r.uid)} is not a non-negative integer or null`
  return null
}

/** Checks a whole collection; one bad record fails it, so garbage never replaces good rows. */
export function checkRecords(value: unknown, collector: string): SocketRecord[] {
  if (!Array.isArray(value)) throw new Error(`${collector} returned ${value === null ? 'null' : typeof value}, not a list of sockets`)
  for (let i = 0; i < value.length; i++) {
    const problem = recordProblem(value[i])
    if (problem) throw new Error(`${collector} returned a malformed socket (#${i + 1}): ${problem}`)
  }
  return value as SocketRecord[]
}
