// Pure parsers for what libproc fills in on macOS (no FFI here, so they are unit-tested on buffers on any OS).
//
// Layouts from XNU's public header bsd/sys/proc_info.h, tag xnu-11417.121.6 (unchanged in these structures
// since xnu-10002.1.13): https://github.com/apple-oss-distributions/xnu/blob/xnu-11417.121.6/bsd/sys/proc_info.h
// 64-bit, natural alignment (arm64 and x86_64 lay these out the same). MAXCOMLEN is 16 (bsd/sys/param.h).
//
//   struct proc_fdinfo (8 bytes): int32 proc_fd +0, uint32 proc_fdtype +4            (PROC_PIDLISTFDS)
//   struct socket_fdinfo (792 bytes): proc_fileinfo pfi +0 (24 bytes), socket_info psi +24   (PROC_PIDFDSOCKETINFO)
//     socket_info: vinfo_stat soi_stat +0 (136 bytes), soi_so +136, soi_pcb +144, int soi_type +152,
//       int soi_protocol +156, int soi_family +160, short soi_options +164 ... soi_rcv +184, soi_snd +208
//       (sockbuf_info, 24 bytes each), int soi_kind +232, rfu_1 +236, union soi_proto +240 (528 bytes: the
//       largest member is un_sockinfo, 16 + 2 * SOCK_MAXADDRLEN 255, rounded to 8)
//     in_sockinfo (80 bytes): int insi_fport +0, int insi_lport +4, insi_gencnt +8, insi_flags +16, insi_flow +20,
//       uint8 insi_vflag +24, insi_ip_ttl +25, rfu_1 +28, insi_faddr +32 (16), insi_laddr +48 (16),
//       insi_v4 +64, insi_v6 { in6_hlim +68, in6_cksum +72, u_short in6_ifindex +76, in6_hops +78 }
//     tcp_sockinfo: in_sockinfo tcpsi_ini +0, int tcpsi_state +80, ...
//     in4in6_addr: uint32 i46a_pad32[3], then the IPv4 address at +12.
//   struct proc_bsdinfo (136 bytes): pbi_pid +12, pbi_ppid +16, pbi_uid +20, pbi_comm[16] +48, pbi_name[32] +64,
//     uint64 pbi_start_tvsec +120, pbi_start_tvusec +128                                  (PROC_PIDTBSDINFO)
// Ports (insi_lport, insi_fport) hold the in_pcb's u_short in network byte order: the first two bytes, big-endian.
import type { Family, Protocol } from '../../../shared/row'
import { LISTEN_STATE, UNCONNECTED_STATE } from '../collector'
import { formatIpv6 } from '../linux/proc-net'

export const PROC_ALL_PIDS = 1
export const PROC_PIDLISTFDS = 1
export const PROC_PIDTBSDINFO = 3
export const PROC_PIDFDSOCKETINFO = 3
export const PROX_FDTYPE_SOCKET = 2

export const PROC_FDINFO_BYTES = 8
export const SOCKET_FDINFO_BYTES = 792
export const PROC_BSDINFO_BYTES = 136

/** Offsets inside struct socket_fdinfo. */
export const SOCKET_FDINFO = {
  psi: 24,
  soiType: 24 + 152,
  soiProtocol: 24 + 156,
  soiFamily: 24 + 160,
  soiKind: 24 + 232,
  soiProto: 24 + 240,
} as const
/** Offsets inside in_sockinfo. */
export const IN_SOCKINFO = { fport: 0, lport: 4, vflag: 24, faddr: 32, laddr: 48, v6Ifindex: 76 } as const
export const TCPSI_STATE = 80
export const PROC_BSDINFO = { pid: 12, ppid: 16, uid: 20, comm: 48, name: 64, startSec: 120, startUsec: 128 } as const

const SOCKINFO_IN = 1
const SOCKINFO_TCP = 2
const DARWIN_AF_INET = 2
const DARWIN_AF_INET6 = 30
const IPPROTO_TCP = 6
const IPPROTO_UDP = 17
const INI_IPV4 = 0x1

// TSI_S_* (proc_info.h), named as `ss` prints them on Linux.
const TCP_STATES: Record<number, string> = {
  0: 'CLOSE', 1: LISTEN_STATE, 2: 'SYN-SENT', 3: 'SYN-RECV', 4: 'ESTAB', 5: 'CLOSE-WAIT', 6: 'FIN-WAIT-1',
  7: 'CLOSING', 8: 'LAST-ACK', 9: 'FIN-WAIT-2', 10: 'TIME-WAIT',
}
export const TSI_S_LISTEN = 1

export interface LibprocSocket {
  protocol: Protocol
  family: Family
  address: string
  port: number
  remoteAddress: string | null
  remotePort: number | null
  state: string
}

/** proc_fdinfo records: the fds of one process, with their types. */
export function parseFdList(buffer: Buffer, bytes: number): Array<{ fd: number; type: number }> {
  const fds: Array<{ fd: number; type: number }> = []
  const end = Math.min(bytes, buffer.length)
  for (let o = 0; o + PROC_FDINFO_BYTES <= end; o += PROC_FDINFO_BYTES) fds.push({ fd: buffer.readInt32LE(o), type: buffer.readUInt32LE(o + 4) })
  return fds
}

/** proc_listpids' pid_t array (0 entries are unused slots). */
export function parsePidList(buffer: Buffer, bytes: number): number[] {
  const pids: number[] = []
  const end = Math.min(bytes, buffer.length)
  for (let o = 0; o + 4 <= end; o += 4) {
    const pid = buffer.readInt32LE(o)
    if (pid > 0) pids.push(pid)
  }
  return pids
}

function cString(buffer: Buffer, offset: number, length: number): string {
  const slice = buffer.subarray(offset, offset + length)
  const end = slice.indexOf(0)
  return slice.toString('utf8', 0, end === -1 ? slice.length : end)
}

/**
 * An address in an in_sockinfo union. KAME-derived stacks keep a link-local address's scope inside the
 * address (its second 16-bit word) in kernel structures; it is taken out and shown as the zone.
 */
function addressAt(buffer: Buffer, offset: number, ipv6: boolean, ifindex: number): string {
  if (!ipv6) {
    const a = offset + 12
    return `${buffer[a]}.${buffer[a + 1]}.${buffer[a + 2]}.${buffer[a + 3]}`
  }
  const bytes = Buffer.from(buffer.subarray(offset, offset + 16))
  const linkLocal = bytes[0] === 0xfe && (bytes.readUInt8(1) & 0xc0) === 0x80
  let zone = 0
  if (linkLocal) {
    zone = bytes.readUInt16BE(2) || ifindex
    bytes.writeUInt16BE(0, 2)
  }
  const text = formatIpv6(bytes)
  return zone ? `${text}%${zone}` : text
}

/** A TCP or UDP socket from a socket_fdinfo, or null for any other kind of socket (Unix, kernel control...). */
export function parseSocketFdInfo(buffer: Buffer, bytes = buffer.length): LibprocSocket | null {
  if (bytes < SOCKET_FDINFO_BYTES || buffer.length < SOCKET_FDINFO_BYTES) return null
  const kind = buffer.readInt32LE(SOCKET_FDINFO.soiKind)
  const family = buffer.readInt32LE(SOCKET_FDINFO.soiFamily)
  const protocolNumber = buffer.readInt32LE(SOCKET_FDINFO.soiProtocol)
  if (kind !== SOCKINFO_IN && kind !== SOCKINFO_TCP) return null
  if (family !== DARWIN_AF_INET && family !== DARWIN_AF_INET6) return null
  const protocol: Protocol | null = protocolNumber === IPPROTO_TCP ? 'tcp' : protocolNumber === IPPROTO_UDP ? 'udp' : null
  if (!protocol || (protocol === 'tcp') !== (kind === SOCKINFO_TCP)) return null
  const ini = SOCKET_FDINFO.soiProto
  // An AF_INET6 socket that carries only IPv4 (insi_vflag) shows its IPv4 address, as lsof does.
  const ipv6 = family === DARWIN_AF_INET6 && (buffer.readUInt8(ini + IN_SOCKINFO.vflag) & INI_IPV4) === 0
  const ifindex = buffer.readUInt16LE(ini + IN_SOCKINFO.v6Ifindex)
  const port = buffer.readUInt16BE(ini + IN_SOCKINFO.lport)
  const remotePort = buffer.readUInt16BE(ini + IN_SOCKINFO.fport)
  const code = protocol === 'tcp' ? buffer.readInt32LE(ini + TCPSI_STATE) : null
  // A TCP listener and an unconnected UDP socket have no peer; their foreign fields are zero.
  const hasPeer = code === null ? remotePort !== 0 : code !== TSI_S_LISTEN
  return {
    protocol,
    family: ipv6 ? 6 : 4,
    address: addressAt(buffer, ini + IN_SOCKINFO.laddr, ipv6, ifindex),
    port,
    remoteAddress: hasPeer ? addressAt(buffer, ini + IN_SOCKINFO.faddr, ipv6, ifindex) : null,
    remotePort: hasPeer ? remotePort : null,
    state: code === null ? (hasPeer ? 'ESTAB' : UNCONNECTED_STATE) : (TCP_STATES[code] ?? `STATE-${code}`),
  }
}

export interface BsdInfo {
  pid: number
  parentPid: number
  uid: number
  /** pbi_name when the process registered one, else pbi_comm (the first 16 bytes of the executable's name). */
  name: string
  /** Epoch ms. */
  startTime: number
}

/** proc_bsdinfo, or null when the call returned less. */
export function parseBsdInfo(buffer: Buffer, bytes = buffer.length): BsdInfo | null {
  if (bytes < PROC_BSDINFO_BYTES || buffer.length < PROC_BSDINFO_BYTES) return null
  const name = cString(buffer, PROC_BSDINFO.name, 32) || cString(buffer, PROC_BSDINFO.comm, 16)
  const seconds = Number(buffer.readBigUInt64LE(PROC_BSDINFO.startSec))
  const micros = Number(buffer.readBigUInt64LE(PROC_BSDINFO.startUsec))
  return {
    pid: buffer.readUInt32LE(PROC_BSDINFO.pid),
    parentPid: buffer.readUInt32LE(PROC_BSDINFO.ppid),
    uid: buffer.readUInt32LE(PROC_BSDINFO.uid),
    name,
    startTime: seconds * 1000 + Math.floor(micros / 1000),
  }
}
