import { readFileSync } from 'node:fs'
import type { Family, Protocol } from '../../../shared/row'
import { LISTEN_STATE, UNCONNECTED_STATE } from '../collector'

/** A socket line of /proc/net/{tcp,udp}{,6}, with the inode that links it to a process. */
export interface ProcNetSocket {
  protocol: Protocol
  family: Family
  address: string
  port: number
  remoteAddress: string
  remotePort: number
  state: string
  uid: number
  inode: number
}

// Kernel TCP states (include/net/tcp_states.h), named as `ss` prints them.
const TCP_STATES: Record<number, string> = {
  1: 'ESTAB', 2: 'SYN-SENT', 3: 'SYN-RECV', 4: 'FIN-WAIT-1', 5: 'FIN-WAIT-2', 6: 'TIME-WAIT',
  7: 'CLOSE', 8: 'CLOSE-WAIT', 9: 'LAST-ACK', 10: LISTEN_STATE, 11: 'CLOSING',
}

export function stateName(protocol: Protocol, code: number): string {
  if (protocol === 'udp') return code === 7 ? UNCONNECTED_STATE : code === 1 ? 'ESTAB' : `STATE-${code}`
  return TCP_STATES[code] ?? `STATE-${code}`
}

/** True for a listener: TCP LISTEN, or a bound, unconnected UDP socket. */
export function isListenerState(protocol: Protocol, code: number): boolean {
  return protocol === 'tcp' ? code === 10 : code === 7
}

/** /proc/net prints each 32-bit word in host byte order (little-endian on every platform Node supports here). */
function wordBytes(hex: string): number[] {
  const n = parseInt(hex, 16)
  return [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff]
}

export function decodeProcAddress(hex: string): string {
  if (hex.length === 8) return wordBytes(hex).join('.')
  if (hex.length !== 32) throw new Error(`unexpected address "${hex}" in /proc/net`)
  const bytes: number[] = []
  for (let i = 0; i < 32; i += 8) bytes.push(...wordBytes(hex.slice(i, i + 8)))
  return formatIpv6(bytes)
}

/** RFC 5952 text for 16 bytes at `offset`: lower-case, longest zero run compressed, IPv4-mapped kept dotted. */
export function formatIpv6(bytes: ArrayLike<number>, offset = 0): string {
  if (bytes.length < offset + 16) throw new RangeError(`an IPv6 address needs 16 bytes at offset ${offset}, the buffer has ${bytes.length}`)
  const byte = (i: number): number => bytes[offset + i] ?? 0 // in range: checked above
  let mapped = bytes[offset + 10] === 0xff && bytes[offset + 11] === 0xff
  for (let i = 0; mapped && i < 10; i++) mapped = bytes[offset + i] === 0
  if (mapped) return `::ffff:${bytes[offset + 12]}.${bytes[offset + 13]}.${bytes[offset + 14]}.${bytes[offset + 15]}`
  const words: number[] = []
  for (let i = 0; i < 16; i += 2) words.push((byte(i) << 8) | byte(i + 1))
  let bestStart = -1
  let bestLen = 0
  for (let i = 0; i < 8; ) {
    if (words[i] !== 0) { i++; continue }
    let j = i
    while (j < 8 && words[j] === 0) j++
    if (j - i > bestLen && j - i > 1) { bestStart = i; bestLen = j - i }
    i = j
  }
  const hex = words.map((w) => w.toString(16))
  if (bestStart < 0) return hex.join(':')
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`
}

/** hex address (IPv4: 8 digits, IPv6: 32) and hex port, as /proc/net prints a local or remote endpoint. */
const PROC_NET_ENDPOINT = /^(?:[0-9A-F]{8}|[0-9A-F]{32}):[0-9A-F]{4}$/i

export function parseProcNet(text: string, protocol: Protocol, family: Family): ProcNetSocket[] {
  const sockets: ProcNetSocket[] = []
  const lines = text.split('\n')
  for (const [i, line] of lines.entries()) {
    if (i === 0) continue // the header
    const [, local, remote, st, , , , uid, , inode] = line.trim().split(/\s+/)
    // Fewer than 10 fields: not a socket line (the trailing empty line).
    if (local === undefined || remote === undefined || st === undefined || uid === undefined || inode === undefined) continue
    if (!PROC_NET_ENDPOINT.test(local) || !PROC_NET_ENDPOINT.test(remote) || !/^[0-9A-F]{2}$/i.test(st) || !/^\d+$/.test(uid) || !/^\d+$/.test(inode)) {
      throw new Error(`unexpected line ${i + 1} in /proc/net: ${JSON.stringify(line.trim().slice(0, 100))}`)
    }
    // Both endpoints matched PROC_NET_ENDPOINT: hex address, a colon, four hex digits of port.
    const code = parseInt(st, 16)
    sockets.push({
      protocol,
      family,
      address: decodeProcAddress(local.slice(0, -5)),
      port: parseInt(local.slice(-4), 16),
      remoteAddress: decodeProcAddress(remote.slice(0, -5)),
      remotePort: parseInt(remote.slice(-4), 16),
      state: stateName(protocol, code),
      uid: Number(uid),
      inode: Number(inode),
    })
  }
  return sockets
}

/** Reads one /proc/net table; a missing table (IPv6 disabled) is empty. */
export function readProcNet(protocol: Protocol, family: Family, root = '/proc'): ProcNetSocket[] {
  const file = `${root}/net/${protocol}${family === 6 ? '6' : ''}`
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
  return parseProcNet(text, protocol, family)
}
