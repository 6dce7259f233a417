// Pure parsers for the tables GetExtendedTcpTable / GetExtendedUdpTable fill in (no FFI here, so the
// layouts are unit-tested on buffers built by the tests on any OS).
//
// Layouts, from Microsoft's documentation of the structures (Win32 API, iphlpapi / tcpmib.h, udpmib.h):
//   MIB_TCPTABLE_OWNER_PID / MIB_TCP6TABLE_OWNER_PID / MIB_UDPTABLE_OWNER_PID / MIB_UDP6TABLE_OWNER_PID:
//     DWORD dwNumEntries, then the rows (every field is a DWORD or a byte array, so rows start at offset 4).
//   MIB_TCPROW_OWNER_PID (24 bytes)
//     https://learn.microsoft.com/en-us/windows/win32/api/tcpmib/ns-tcpmib-mib_tcprow_owner_pid
//     dwState +0, dwLocalAddr +4, dwLocalPort +8, dwRemoteAddr +12, dwRemotePort +16, dwOwningPid +20
//   MIB_TCP6ROW_OWNER_PID (56 bytes)
//     https://learn.microsoft.com/en-us/windows/win32/api/tcpmib/ns-tcpmib-mib_tcp6row_owner_pid
//     ucLocalAddr[16] +0, dwLocalScopeId +16, dwLocalPort +20, ucRemoteAddr[16] +24, dwRemoteScopeId +40,
//     dwRemotePort +44, dwState +48, dwOwningPid +52
//   MIB_UDPROW_OWNER_PID (12 bytes)
//     https://learn.microsoft.com/en-us/windows/win32/api/udpmib/ns-udpmib-mib_udprow_owner_pid
//     dwLocalAddr +0, dwLocalPort +4, dwOwningPid +8
//   MIB_UDP6ROW_OWNER_PID (28 bytes)
//     https://learn.microsoft.com/en-us/windows/win32/api/udpmib/ns-udpmib-mib_udp6row_owner_pid
//     ucLocalAddr[16] +0, dwLocalScopeId +16, dwLocalPort +20, dwOwningPid +24
// Addresses are in network byte order (the bytes as written); a port is a DWORD whose low 16 bits hold the
// port in network byte order, i.e. its first two bytes in memory, big-endian. Other DWORDs are
// little-endian (every Windows architecture Node runs on). MIB_TCP_STATE:
//   https://learn.microsoft.com/en-us/windows/win32/api/tcpmib/ne-tcpmib-mib_tcp_state
import type { Family, Protocol } from '../../../shared/row'
import { LISTEN_STATE, UNCONNECTED_STATE } from '../collector'
import { formatIpv6 } from '../linux/proc-net'

/** One row of an IP Helper table. */
export interface IpHelperSocket {
  protocol: Protocol
  family: Family
  /** With "%<scope id>" for a scoped IPv6 address (fe80::1%12), as Windows prints it. */
  address: string
  port: number
  /** Null for UDP, whose tables have no peer. */
  remoteAddress: string | null
  remotePort: number | null
  /** The MIB_TCP_STATE number; 0 for UDP. */
  stateCode: number
  /** As the table says: 0 is the System Idle Process (TIME_WAIT sockets) or an owner the OS does not report. */
  owningPid: number
}

export const TCP_ROW_BYTES = 24
export const TCP6_ROW_BYTES = 56
export const UDP_ROW_BYTES = 12
export const UDP6_ROW_BYTES = 28
const TABLE_HEADER_BYTES = 4

export const MIB_TCP_STATE_LISTEN = 2

// MIB_TCP_STATE numbers, named as `ss` prints the same states on Linux, so one table reads the same everywhere.
const TCP_STATES: Record<number, string> = {
  1: 'CLOSE', 2: LISTEN_STATE, 3: 'SYN-SENT', 4: 'SYN-RECV', 5: 'ESTAB', 6: 'FIN-WAIT-1', 7: 'FIN-WAIT-2',
  8: 'CLOSE-WAIT', 9: 'CLOSING', 10: 'LAST-ACK', 11: 'TIME-WAIT', 12: 'DELETE-TCB',
}

export function tcpStateName(code: number): string {
  return TCP_STATES[code] ?? `STATE-${code}`
}

/** UDP tables list bound sockets only, without a peer: each is what Linux calls UNCONN. */
export const UDP_STATE = UNCONNECTED_STATE

function portAt(buffer: Buffer, offset: number): number {
  return buffer.readUInt16BE(offset)
}

function ipv4At(buffer: Buffer, offset: number): string {
  return `${buffer[offset]}.${buffer[offset + 1]}.${buffer[offset + 2]}.${buffer[offset + 3]}`
}

/**
 * A zone only means something on a scoped address (RFC 4007: link-local fe80::/10, the old site-local
 * fec0::/10, and multicast ff00::/8 below global scope); Wine, for one, reports zone 4096 for ::1.
 */
export function isScopedIpv6(buffer: Buffer, offset: number): boolean {
  const first = buffer[offset]
  const second = buffer.readUInt8(offset + 1)
  if (first === 0xfe) return (second & 0xc0) === 0x80 || (second & 0xc0) === 0xc0
  return first === 0xff && (second & 0x0f) < 0x0e
}

function ipv6At(buffer: Buffer, offset: number, scopeId: number): string {
  const address = formatIpv6(buffer, offset)
  return scopeId === 0 || !isScopedIpv6(buffer, offset) ? address : `${address}%${scopeId}`
}

/**
 * The rows of a table, checked against the bytes the call said it wrote: a count that does not fit is
 * an error, never a read past the end.
 */
function rows(buffer: Buffer, length: number, rowBytes: number, what: string): number[] {
  if (length < TABLE_HEADER_BYTES || length > buffer.length) throw new Error(`the ${what} table is ${length} bytes, too short for its header`)
  const count = buffer.readUInt32LE(0)
  if (TABLE_HEADER_BYTES + count * rowBytes > length) {
    throw new Error(`the ${what} table claims ${count} rows of ${rowBytes} bytes but holds ${length} bytes`)
  }
  const offsets: number[] = []
  for (let i = 0; i < count; i++) offsets.push(TABLE_HEADER_BYTES + i * rowBytes)
  return offsets
}

/** MIB_TCPTABLE_OWNER_PID. `length`: the bytes GetExtendedTcpTable reported (defaults to the whole buffer). */
export function parseTcp4Table(buffer: Buffer, length = buffer.length): IpHelperSocket[] {
  return rows(buffer, length, TCP_ROW_BYTES, 'IPv4 TCP').map((o) => {
    const stateCode = buffer.readUInt32LE(o)
    const listener = stateCode === MIB_TCP_STATE_LISTEN
    return {
      protocol: 'tcp',
      family: 4,
      address: ipv4At(buffer, o + 4),
      port: portAt(buffer, o + 8),
      remoteAddress: listener ? null : ipv4At(buffer, o + 12),
      remotePort: listener ? null : portAt(buffer, o + 16),
      stateCode,
      owningPid: buffer.readUInt32LE(o + 20),
    }
  })
}

/** MIB_TCP6TABLE_OWNER_PID. */
export function parseTcp6Table(buffer: Buffer, length = buffer.length): IpHelperSocket[] {
  return rows(buffer, length, TCP6_ROW_BYTES, 'IPv6 TCP').map((o) => {
    const stateCode = buffer.readUInt32LE(o + 48)
    const listener = stateCode === MIB_TCP_STATE_LISTEN
    return {
      protocol: 'tcp',
      family: 6,
      address: ipv6At(buffer, o, buffer.readUInt32LE(o + 16)),
      port: portAt(buffer, o + 20),
      remoteAddress: listener ? null : ipv6At(buffer, o + 24, buffer.readUInt32LE(o + 40)),
      remotePort: listener ? null : portAt(buffer, o + 44),
      stateCode,
      owningPid: buffer.readUInt32LE(o + 52),
    }
  })
}

/** MIB_UDPTABLE_OWNER_PID. */
export function parseUdp4Table(buffer: Buffer, length = buffer.length): IpHelperSocket[] {
  return rows(buffer, length, UDP_ROW_BYTES, 'IPv4 UDP').map((o) => ({
    protocol: 'udp',
    family: 4,
    address: ipv4At(buffer, o),
    port: portAt(buffer, o + 4),
    remoteAddress: null,
    remotePort: null,
    stateCode: 0,
    owningPid: buffer.readUInt32LE(o + 8),
  }))
}

/** MIB_UDP6TABLE_OWNER_PID. */
export function parseUdp6Table(buffer: Buffer, length = buffer.length): IpHelperSocket[] {
  return rows(buffer, length, UDP6_ROW_BYTES, 'IPv6 UDP').map((o) => ({
    protocol: 'udp',
    family: 6,
    address: ipv6At(buffer, o, buffer.readUInt32LE(o + 16)),
    port: portAt(buffer, o + 20),
    remoteAddress: null,
    remotePort: null,
    stateCode: 0,
    owningPid: buffer.readUInt32LE(o + 24),
  }))
}

/** The parser for one (protocol, family) table. */
export function parseTable(protocol: Protocol, family: Family, buffer: Buffer, length = buffer.length): IpHelperSocket[] {
  if (protocol === 'tcp') return family === 4 ? parseTcp4Table(buffer, length) : parseTcp6Table(buffer, length)
  return family === 4 ? parseUdp4Table(buffer, length) : parseUdp6Table(buffer, length)
}
