// The libproc parsers on buffers laid out here from XNU's bsd/sys/proc_info.h (xnu-11417.121.6): the structs
// are written down field by field as the header declares them and laid out with C's natural alignment
// (LP64), so the parser's hand-computed offsets are checked against the header, not against themselves.
import { describe, expect, it } from 'vitest'
import {
  IN_SOCKINFO, PROC_BSDINFO, PROC_BSDINFO_BYTES, SOCKET_FDINFO, SOCKET_FDINFO_BYTES, TCPSI_STATE,
  parseBsdInfo, parseFdList, parsePidList, parseSocketFdInfo,
} from '../../../../../src/main/monitor/macos/libproc-layout'

/** A C type: its size and alignment, and for structs and unions the members' offsets. */
interface CType { size: number; align: number; fields?: Record<string, { offset: number; type: CType }> }

const prim = (size: number): CType => ({ size, align: size })
const u8 = prim(1), u16 = prim(2), u32 = prim(4), u64 = prim(8)
const array = (t: CType, n: number): CType => ({ size: t.size * n, align: t.align })
const roundUp = (n: number, a: number): number => Math.ceil(n / a) * a

function struct(members: Array<[string, CType]>): CType {
  let offset = 0
  let align = 1
  const fields: NonNullable<CType['fields']> = {}
  for (const [name, type] of members) {
    offset = roundUp(offset, type.align)
    fields[name] = { offset, type }
    offset += type.size
    align = Math.max(align, type.align)
  }
  return { size: roundUp(offset, align), align, fields }
}

function union(members: Array<[string, CType]>): CType {
  const align = Math.max(...members.map(([, t]) => t.align))
  const fields = Object.fromEntries(members.map(([n, t]) => [n, { offset: 0, type: t }]))
  return { size: roundUp(Math.max(...members.map(([, t]) => t.size)), align), align, fields }
}

/** Offset of a dotted member path ("psi.soi_proto.pri_tcp.tcpsi_state"). */
function offsetOf(type: CType, path: string): number {
  let offset = 0
  let current = type
  for (const name of path.split('.')) {
    const field = current.fields?.[name]
    if (!field) throw new Error(`no member ${name} in ${path}`)
    offset += field.offset
    current = field.type
  }
  return offset
}

// Types as the header uses them: int/uid_t/gid_t are 32-bit, off_t 64-bit, short 16-bit.
const int = u32, short = u16, off_t = u64
const MAXCOMLEN = 16
const SOCK_MAXADDRLEN = 255
const proc_fileinfo = struct([['fi_openflags', u32], ['fi_status', u32], ['fi_offset', off_t], ['fi_type', int], ['fi_guardflags', u32]])
const vinfo_stat = struct([
  ['vst_dev', u32], ['vst_mode', u16], ['vst_nlink', u16], ['vst_ino', u64], ['vst_uid', u32], ['vst_gid', u32],
  ['vst_atime', u64], ['vst_atimensec', u64], ['vst_mtime', u64], ['vst_mtimensec', u64], ['vst_ctime', u64],
  ['vst_ctimensec', u64], ['vst_birthtime', u64], ['vst_birthtimensec', u64], ['vst_size', off_t], ['vst_blocks', u64],
  ['vst_blksize', u32], ['vst_flags', u32], ['vst_gen', u32], ['vst_rdev', u32], ['vst_qspare', array(u64, 2)],
])
const in4in6_addr = struct([['i46a_pad32', array(u32, 3)], ['i46a_addr4', u32]])
const in6_addr = struct([['s6_addr', array(u8, 16)]])
const in_addr_union = union([['ina_46', in4in6_addr], ['ina_6', in6_addr]])
const in_sockinfo = struct([
  ['insi_fport', int], ['insi_lport', int], ['insi_gencnt', u64], ['insi_flags', u32], ['insi_flow', u32],
  ['insi_vflag', u8], ['insi_ip_ttl', u8], ['rfu_1', u32], ['insi_faddr', in_addr_union], ['insi_laddr', in_addr_union],
  ['insi_v4', struct([['in4_tos', u8]])],
  ['insi_v6', struct([['in6_hlim', u8], ['in6_cksum', int], ['in6_ifindex', u16], ['in6_hops', short]])],
])
const tcp_sockinfo = struct([
  ['tcpsi_ini', in_sockinfo], ['tcpsi_state', int], ['tcpsi_timer', array(int, 4)], ['tcpsi_mss', int],
  ['tcpsi_flags', u32], ['rfu_1', u32], ['tcpsi_tp', u64],
])
const sockaddr_un = struct([['sun_len', u8], ['sun_family', u8], ['sun_path', array(u8, 104)]])
const un_addr = union([['ua_sun', sockaddr_un], ['ua_dummy', array(u8, SOCK_MAXADDRLEN)]])
const un_sockinfo = struct([['unsi_conn_so', u64], ['unsi_conn_pcb', u64], ['unsi_addr', un_addr], ['unsi_caddr', un_addr]])
const ndrv_info = struct([['ndrvsi_if_family', u32], ['ndrvsi_if_unit', u32], ['ndrvsi_if_name', array(u8, 16)]])
const kern_event_info = struct([['a', u32], ['b', u32], ['c', u32]])
const kern_ctl_info = struct([['kcsi_id', u32], ['u', array(u32, 5)], ['kcsi_name', array(u8, 96)]])
const vsock_sockinfo = struct([['a', u32], ['b', u32], ['c', u32], ['d', u32]])
const sockbuf_info = struct([['sbi_cc', u32], ['sbi_hiwat', u32], ['sbi_mbcnt', u32], ['sbi_mbmax', u32], ['sbi_lowat', u32], ['sbi_flags', short], ['sbi_timeo', short]])
const socket_info = struct([
  ['soi_stat', vinfo_stat], ['soi_so', u64], ['soi_pcb', u64], ['soi_type', int], ['soi_protocol', int], ['soi_family', int],
  ['soi_options', short], ['soi_linger', short], ['soi_state', short], ['soi_qlen', short], ['soi_incqlen', short],
  ['soi_qlimit', short], ['soi_timeo', short], ['soi_error', u16], ['soi_oobmark', u32], ['soi_rcv', sockbuf_info],
  ['soi_snd', sockbuf_info], ['soi_kind', int], ['rfu_1', u32],
  ['soi_proto', union([['pri_in', in_sockinfo], ['pri_tcp', tcp_sockinfo], ['pri_un', un_sockinfo], ['pri_ndrv', ndrv_info],
    ['pri_kern_event', kern_event_info], ['pri_kern_ctl', kern_ctl_info], ['pri_vsock', vsock_sockinfo]])],
])
const socket_fdinfo = struct([['pfi', proc_fileinfo], ['psi', socket_info]])
const proc_bsdinfo = struct([
  ['pbi_flags', u32], ['pbi_status', u32], ['pbi_xstatus', u32], ['pbi_pid', u32], ['pbi_ppid', u32], ['pbi_uid', u32],
  ['pbi_gid', u32], ['pbi_ruid', u32], ['pbi_rgid', u32], ['pbi_svuid', u32], ['pbi_svgid', u32], ['rfu_1', u32],
  ['pbi_comm', array(u8, MAXCOMLEN)], ['pbi_name', array(u8, 2 * MAXCOMLEN)], ['pbi_nfiles', u32], ['pbi_pgid', u32],
  ['pbi_pjobc', u32], ['e_tdev', u32], ['e_tpgid', u32], ['pbi_nice', u32], ['pbi_start_tvsec', u64], ['pbi_start_tvusec', u64],
])

const at = (path: string): number => offsetOf(socket_fdinfo, path)
const IN = 'psi.soi_proto.pri_in'

describe('libproc layouts against proc_info.h', () => {
  it("the parser's offsets and sizes are the header's", () => {
    expect(socket_fdinfo.size).toBe(SOCKET_FDINFO_BYTES)
    expect(proc_bsdinfo.size).toBe(PROC_BSDINFO_BYTES)
    expect({
      psi: at('psi'), soiType: at('psi.soi_type'), soiProtocol: at('psi.soi_protocol'), soiFamily: at('psi.soi_family'),
      soiKind: at('psi.soi_kind'), soiProto: at('psi.soi_proto'),
    }).toEqual(SOCKET_FDINFO)
    expect({
      fport: offsetOf(in_sockinfo, 'insi_fport'), lport: offsetOf(in_sockinfo, 'insi_lport'), vflag: offsetOf(in_sockinfo, 'insi_vflag'),
      faddr: offsetOf(in_sockinfo, 'insi_faddr'), laddr: offsetOf(in_sockinfo, 'insi_laddr'), v6Ifindex: offsetOf(in_sockinfo, 'insi_v6.in6_ifindex'),
    }).toEqual(IN_SOCKINFO)
    expect(offsetOf(tcp_sockinfo, 'tcpsi_state')).toBe(TCPSI_STATE)
    expect({
      pid: offsetOf(proc_bsdinfo, 'pbi_pid'), ppid: offsetOf(proc_bsdinfo, 'pbi_ppid'), uid: offsetOf(proc_bsdinfo, 'pbi_uid'),
      comm: offsetOf(proc_bsdinfo, 'pbi_comm'), name: offsetOf(proc_bsdinfo, 'pbi_name'),
      startSec: offsetOf(proc_bsdinfo, 'pbi_start_tvsec'), startUsec: offsetOf(proc_bsdinfo, 'pbi_start_tvusec'),
    }).toEqual(PROC_BSDINFO)
  })
})

/** A socket_fdinfo as the kernel fills it: ports in network order in the low half of an int. */
function socketFdInfo(o: {
  kind: number; family: number; protocol: number; vflag: number; lport: number; fport: number
  laddr: number[]; faddr?: number[]; ifindex?: number; tcpState?: number
}): Buffer {
  const b = Buffer.alloc(socket_fdinfo.size)
  b.writeInt32LE(o.kind, at('psi.soi_kind'))
  b.writeInt32LE(o.family, at('psi.soi_family'))
  b.writeInt32LE(o.protocol, at('psi.soi_protocol'))
  b.writeUInt8(o.vflag, at(`${IN}.insi_vflag`))
  b.writeUInt16BE(o.lport, at(`${IN}.insi_lport`))
  b.writeUInt16BE(o.fport, at(`${IN}.insi_fport`))
  const v4 = o.laddr.length === 4
  const addrPath = (which: string): string => `${IN}.${which}.${v4 ? 'ina_46.i46a_addr4' : 'ina_6.s6_addr'}`
  Buffer.from(o.laddr).copy(b, at(addrPath('insi_laddr')))
  if (o.faddr) Buffer.from(o.faddr).copy(b, at(addrPath('insi_faddr')))
  b.writeUInt16LE(o.ifindex ?? 0, at(`${IN}.insi_v6.in6_ifindex`))
  if (o.tcpState !== undefined) b.writeInt32LE(o.tcpState, at('psi.soi_proto.pri_tcp.tcpsi_state'))
  return b
}

const SOCKINFO_IN = 1, SOCKINFO_TCP = 2, SOCKINFO_UN = 3, AF_INET = 2, AF_INET6 = 30, AF_UNIX = 1, TCP = 6, UDP = 17
const v6 = (...groups: number[]): number[] => groups.flatMap((g) => [g >> 8, g & 0xff])

describe('libproc parsers', () => {
  it('reads a TCP listener on IPv4 and IPv6, and an established connection with its peer', () => {
    expect(parseSocketFdInfo(socketFdInfo({ kind: SOCKINFO_TCP, family: AF_INET, protocol: TCP, vflag: 1, lport: 5432, fport: 0, laddr: [127, 0, 0, 1], tcpState: 1 })))
      .toEqual({ protocol: 'tcp', family: 4, address: '127.0.0.1', port: 5432, remoteAddress: null, remotePort: null, state: 'LISTEN' })
    expect(parseSocketFdInfo(socketFdInfo({ kind: SOCKINFO_TCP, family: AF_INET6, protocol: TCP, vflag: 2, lport: 22, fport: 0, laddr: v6(0, 0, 0, 0, 0, 0, 0, 0), tcpState: 1 })))
      .toEqual({ protocol: 'tcp', family: 6, address: '::', port: 22, remoteAddress: null, remotePort: null, state: 'LISTEN' })
    expect(parseSocketFdInfo(socketFdInfo({ kind: SOCKINFO_TCP, family: AF_INET, protocol: TCP, vflag: 1, lport: 50123, fport: 443, laddr: [192, 168, 1, 20], faddr: [140, 82, 112, 4], tcpState: 4 })))
      .toEqual({ protocol: 'tcp', family: 4, address: '192.168.1.20', port: 50123, remoteAddress: '140.82.112.4', remotePort: 443, state: 'ESTAB' })
  })

  it('reads bound and connected UDP; an AF_INET6 socket carrying IPv4 only shows its IPv4 address', () => {
    expect(parseSocketFdInfo(socketFdInfo({ kind: SOCKINFO_IN, family: AF_INET, protocol: UDP, vflag: 1, lport: 5353, fport: 0, laddr: [0, 0, 0, 0] })))
      .toEqual({ protocol: 'udp', family: 4, address: '0.0.0.0', port: 5353, remoteAddress: null, remotePort: null, state: 'UNCONN' })
    expect(parseSocketFdInfo(socketFdInfo({ kind: SOCKINFO_IN, family: AF_INET, protocol: UDP, vflag: 1, lport: 61000, fport: 53, laddr: [10, 0, 0, 2], faddr: [1, 1, 1, 1] })))
      .toMatchObject({ state: 'ESTAB', remoteAddress: '1.1.1.1', remotePort: 53 })
    expect(parseSocketFdInfo(socketFdInfo({ kind: SOCKINFO_IN, family: AF_INET6, protocol: UDP, vflag: 1, lport: 9000, fport: 0, laddr: [127, 0, 0, 1] })))
      .toMatchObject({ family: 4, address: '127.0.0.1', port: 9000 })
  })

  it('shows a link-local address without the embedded scope, as a zone', () => {
    // KAME keeps the interface index in the address's second word inside the kernel: fe80:4::1 is fe80::1%4.
    expect(parseSocketFdInfo(socketFdInfo({ kind: SOCKINFO_IN, family: AF_INET6, protocol: UDP, vflag: 2, lport: 546, fport: 0, laddr: v6(0xfe80, 4, 0, 0, 0, 0, 0, 1) })))
      .toMatchObject({ address: 'fe80::1%4', port: 546 })
    expect(parseSocketFdInfo(socketFdInfo({ kind: SOCKINFO_IN, family: AF_INET6, protocol: UDP, vflag: 2, lport: 546, fport: 0, laddr: v6(0xfe80, 0, 0, 0, 0, 0, 0, 1), ifindex: 7 })))
      .toMatchObject({ address: 'fe80::1%7' })
  })

  it('skips sockets that are not TCP or UDP over IP, and short replies', () => {
    expect(parseSocketFdInfo(socketFdInfo({ kind: SOCKINFO_UN, family: AF_UNIX, protocol: 0, vflag: 0, lport: 0, fport: 0, laddr: [0, 0, 0, 0] }))).toBeNull()
    expect(parseSocketFdInfo(socketFdInfo({ kind: SOCKINFO_IN, family: AF_INET, protocol: 1, vflag: 1, lport: 0, fport: 0, laddr: [0, 0, 0, 0] }))).toBeNull()
    expect(parseSocketFdInfo(socketFdInfo({ kind: SOCKINFO_TCP, family: AF_INET, protocol: TCP, vflag: 1, lport: 80, fport: 0, laddr: [0, 0, 0, 0], tcpState: 1 }), 100)).toBeNull()
  })

  it('reads fd lists, pid lists and proc_bsdinfo', () => {
    const fds = Buffer.alloc(24)
    fds.writeInt32LE(0, 0); fds.writeUInt32LE(1, 4); fds.writeInt32LE(7, 8); fds.writeUInt32LE(2, 12); fds.writeInt32LE(9, 16); fds.writeUInt32LE(2, 20)
    expect(parseFdList(fds, 24)).toEqual([{ fd: 0, type: 1 }, { fd: 7, type: 2 }, { fd: 9, type: 2 }])
    expect(parseFdList(fds, 16)).toHaveLength(2)
    const pids = Buffer.alloc(16)
    pids.writeInt32LE(1, 0); pids.writeInt32LE(412, 4)
    expect(parsePidList(pids, 16)).toEqual([1, 412])

    const bsd = Buffer.alloc(proc_bsdinfo.size)
    bsd.writeUInt32LE(412, offsetOf(proc_bsdinfo, 'pbi_pid'))
    bsd.writeUInt32LE(1, offsetOf(proc_bsdinfo, 'pbi_ppid'))
    bsd.writeUInt32LE(501, offsetOf(proc_bsdinfo, 'pbi_uid'))
    bsd.write('Google Chrome H', offsetOf(proc_bsdinfo, 'pbi_comm'))
    bsd.writeBigUInt64LE(1_700_000_000n, offsetOf(proc_bsdinfo, 'pbi_start_tvsec'))
    bsd.writeBigUInt64LE(250_000n, offsetOf(proc_bsdinfo, 'pbi_start_tvusec'))
    expect(parseBsdInfo(bsd)).toEqual({ pid: 412, parentPid: 1, uid: 501, name: 'Google Chrome H', startTime: 1_700_000_000_250 })
    bsd.write('Google Chrome Helper', offsetOf(proc_bsdinfo, 'pbi_name'))
    expect(parseBsdInfo(bsd)?.name).toBe('Google Chrome Helper')
    expect(parseBsdInfo(bsd, 100)).toBeNull()
  })
})
