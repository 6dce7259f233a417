// Parses `ss` output: the reference listing the tests and the poll benchmark check Portolan's collectors
// against (Portolan itself never runs ss).
import { parsePortText } from '../../src/main/monitor/address'
import type { Protocol } from '../../src/shared/row'

/** One line of `ss -tulnpH` (or any `ss -tunpH` listing). */
export interface SsSocket {
  protocol: Protocol
  state: string
  address: string
  port: number
  /** Every process that holds the socket, as `ss -p` lists them; empty when hidden. */
  pids: number[]
}

/** `[::1]` → `::1`, `127.0.0.53%lo` → `127.0.0.53`, and `*` (IPv6 any, dual stack) → `::`. */
export function normalizeSsAddress(text: string): string {
  const bare = text.replace(/^\[(.*)\]$/, '$1').replace(/%[^%]*$/, '')
  return bare === '*' ? '::' : bare.toLowerCase()
}

function splitEndpoint(endpoint: string): { address: string; port: number } | null {
  const colon = endpoint.lastIndexOf(':')
  const port = parsePortText(endpoint.slice(colon + 1))
  if (colon <= 0 || port === null) return null
  return { address: normalizeSsAddress(endpoint.slice(0, colon)), port }
}

export function parseSsListing(text: string): SsSocket[] {
  const sockets: SsSocket[] = []
  for (const line of text.split('\n')) {
    const [netid, state, , , local] = line.trim().split(/\s+/)
    // Fewer than 5 fields: not a socket line.
    if (state === undefined || local === undefined) continue
    if (netid !== 'tcp' && netid !== 'udp') continue
    const endpoint = splitEndpoint(local)
    if (!endpoint) continue
    const pids = [...line.matchAll(/pid=(\d+)/g)].map((m) => Number(m[1]))
    sockets.push({ protocol: netid, state, ...endpoint, pids })
  }
  return sockets
}
