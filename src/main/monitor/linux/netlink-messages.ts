import type { Family, Protocol } from '../../../shared/row'
import { formatIpv6 } from './proc-net'

// Constants from the kernel's uapi headers (linux/netlink.h, linux/sock_diag.h, linux/inet_diag.h).
export const AF_INET = 2
export const AF_INET6 = 10
export const IPPROTO_TCP = 6
export const IPPROTO_UDP = 17
export const TCP_LISTEN = 10
/** A bound, unconnected UDP socket (`ss` prints UNCONN). */
export const UDP_UNCONNECTED = 7
export const ALL_STATES = 0xffffffff

const NLMSG_HEADER_BYTES = 16
const NLMSG_ERROR = 2
const NLMSG_DONE = 3
const NLMSG_NOOP = 1
const SOCK_DIAG_BY_FAMILY = 20
const NLM_F_REQUEST_DUMP = 0x301
const INET_DIAG_REQ_BYTES = 56
/** struct inet_diag_msg; a record's attributes follow it. */
export const INET_DIAG_MSG_BYTES = 72
export const DUMP_REQUEST_BYTES = NLMSG_HEADER_BYTES + INET_DIAG_REQ_BYTES

/** One socket of a sock_diag dump, addresses already in RFC 5952 / dotted text. */
export interface DiagSocket {
  protocol: Protocol
  family: Family
  state: number
  address: string
  port: number
  remoteAddress: string
  remotePort: number
  uid: number
  inode: number
  /** For a listener, its accept queue now (rqueue) and its backlog limit (wqueue); for a connection, bytes queued. */
  rqueue: number
  wqueue: number
  /** The interface index the socket is bound to (inet_diag_sockid's idiag_if); 0 for none. */
  ifindex: number
  /**
   * IPV6_V6ONLY of an IPv6 listener (the INET_DIAG_SKV6ONLY attribute the kernel adds for LISTEN and
   * CLOSE sockets): false means a `::` socket also accepts IPv4. Null when the reply does not say.
   */
  v6only: boolean | null
}

/** The attribute (linux/inet_diag.h, enum after INET_DIAG_PROTOCOL) that carries IPV6_V6ONLY as a u8. */
export const INET_DIAG_SKV6ONLY = 11
const NLA_HEADER_BYTES = 4

/** The u8 of INET_DIAG_SKV6ONLY among the netlink attributes after a record, or null without one. */
function v6onlyAttribute(buffer: Buffer, start: number, end: number): boolean | null {
  let offset = start
  while (end - offset >= NLA_HEADER_BYTES) {
    const length = buffer.readUInt16LE(offset)
    const type = buffer.readUInt16LE(offset + 2) & 0x3fff // without NLA_F_NESTED / NLA_F_NET_BYTEORDER
    if (length < NLA_HEADER_BYTES || length > end - offset) return null
    if (type === INET_DIAG_SKV6ONLY && length >= NLA_HEADER_BYTES + 1) return buffer[offset + NLA_HEADER_BYTES] !== 0
    offset += (length + 3) & ~3
  }
  return null
}

/** A reply that is not what the kernel documents: truncated, garbled, or an error the kernel sent. */
export class NetlinkReplyError extends Error {
  constructor(message: string, readonly errno: number | null = null) {
    super(message)
    this.name = 'NetlinkReplyError'
  }
}

/** inet_diag_req_v2 is followed by this attribute when the kernel should filter by a bytecode program (linux/inet_diag.h). */
const INET_DIAG_REQ_BYTECODE = 1

/**
 * The SOCK_DIAG_BY_FAMILY dump request for one (family, protocol), filtered by a state bitmask: 72
 * bytes, plus an INET_DIAG_REQ_BYTECODE attribute when `bytecode` (an inet_diag_bc_op program) is given.
 */
export function dumpRequest(family: number, protocol: number, states: number, seq: number, ext = 0, bytecode?: Buffer): Buffer {
  const request = dumpMessage(SOCK_DIAG_BY_FAMILY, DUMP_REQUEST_BYTES, seq, bytecode)
  request.writeUInt8(family, 16)
  request.writeUInt8(protocol, 17)
  request.writeUInt8(ext, 18)
  request.writeUInt32LE(states >>> 0, 20)
  // inet_diag_sockid starts at 24; its cookie (the last 8 bytes) must be INET_DIAG_NOCOOKIE.
  request.writeUInt32LE(0xffffffff, 64)
  request.writeUInt32LE(0xffffffff, 68)
  return request
}

/** A dump request of `type` with `fixedBytes` before its attributes (header included), and the bytecode attribute when given. */
function dumpMessage(type: number, fixedBytes: number, seq: number, bytecode: Buffer | undefined): Buffer {
  const attributeBytes = bytecode ? NLA_HEADER_BYTES + ((bytecode.length + 3) & ~3) : 0
  const request = Buffer.alloc(fixedBytes + attributeBytes)
  request.writeUInt32LE(request.length, 0)
  request.writeUInt16LE(type, 4)
  request.writeUInt16LE(NLM_F_REQUEST_DUMP, 6)
  request.writeUInt32LE(seq >>> 0, 8)
  if (bytecode) {
    request.writeUInt16LE(NLA_HEADER_BYTES + bytecode.length, fixedBytes)
    request.writeUInt16LE(INET_DIAG_REQ_BYTECODE, fixedBytes + 2)
    bytecode.copy(request, fixedBytes + NLA_HEADER_BYTES)
  }
  return request
}

/** The older request type (inet_diag_req, "v1") that dumps TCP sockets of every family in one walk of the kernel's tables. */
export const TCPDIAG_GETSOCK = 18
const INET_DIAG_REQ_V1_BYTES = 60

/**
 * A TCPDIAG_GETSOCK dump request: the kernel treats it as family AF_UNSPEC, so IPv4 and IPv6 sockets come
 * in one walk of its connection hash instead of one walk per family. Records come back with this type.
 */
export function bothFamiliesTcpDumpRequest(states: number, seq: number, ext = 0, bytecode?: Buffer): Buffer {
  const request = dumpMessage(TCPDIAG_GETSOCK, NLMSG_HEADER_BYTES + INET_DIAG_REQ_V1_BYTES, seq, bytecode)
  // idiag_family (16) stays AF_UNSPEC; src_len, dst_len 0; idiag_ext at 19; inet_diag_sockid at 20 (cookie last).
  request.writeUInt8(ext, 19)
  request.writeUInt32LE(0xffffffff, 60)
  request.writeUInt32LE(0xffffffff, 64)
  request.writeUInt32LE(states >>> 0, 68)
  return request
}

function ipv4Text(buffer: Buffer, offset: number): string {
  return `${buffer[offset]}.${buffer[offset + 1]}.${buffer[offset + 2]}.${buffer[offset + 3]}`
}

/** Turns one inet_diag_msg (at `offset`, `length` bytes with its attributes) into a record. */
export type RecordDecoder<T> = (buffer: Buffer, offset: number, protocol: Protocol, length: number) => T

export function diagSocket(buffer: Buffer, offset: number, protocol: Protocol, length: number): DiagSocket {
  const familyCode = buffer[offset]
  if (familyCode !== AF_INET && familyCode !== AF_INET6) {
    throw new NetlinkReplyError(`sock_diag record has address family ${familyCode}, not AF_INET or AF_INET6`)
  }
  const family: Family = familyCode === AF_INET ? 4 : 6
  const address = family === 4 ? ipv4Text : formatIpv6
  return {
    protocol,
    family,
    state: buffer.readUInt8(offset + 1),
    port: buffer.readUInt16BE(offset + 4),
    remotePort: buffer.readUInt16BE(offset + 6),
    address: address(buffer, offset + 8),
    remoteAddress: address(buffer, offset + 24),
    uid: buffer.readUInt32LE(offset + 64),
    inode: buffer.readUInt32LE(offset + 68),
    ifindex: buffer.readUInt32LE(offset + 40),
    v6only: family === 6 ? v6onlyAttribute(buffer, offset + INET_DIAG_MSG_BYTES, offset + length) : null,
    rqueue: buffer.readUInt32LE(offset + 56),
    wqueue: buffer.readUInt32LE(offset + 60),
  }
}

/** Sees one inet_diag_msg of a dump in place: `offset` is its start, `length` its bytes with attributes. */
export type RecordVisitor = (buffer: Buffer, offset: number, length: number) => void

/**
 * Walks the first `length` bytes of one recv() of a dump, handing each sock_diag record to `visit`
 * where it lies in the buffer (nothing is copied or allocated); records are messages of `recordType`
 * (the request's type). Returns true once NLMSG_DONE arrives.
 * Messages of another sequence number (left over from an earlier, abandoned dump) are skipped.
 * Anything malformed throws a NetlinkReplyError.
 */
export function scanDumpReply(buffer: Buffer, length: number, seq: number, visit: RecordVisitor, recordType = SOCK_DIAG_BY_FAMILY): boolean {
  if (length > buffer.length) throw new NetlinkReplyError(`reply length ${length} exceeds its ${buffer.length}-byte buffer`)
  let offset = 0
  while (offset < length) {
    if (length - offset < NLMSG_HEADER_BYTES) {
      throw new NetlinkReplyError(`truncated netlink header: ${length - offset} bytes at offset ${offset}`)
    }
    const messageLength = buffer.readUInt32LE(offset)
    const type = buffer.readUInt16LE(offset + 4)
    const messageSeq = buffer.readUInt32LE(offset + 8)
    if (messageLength < NLMSG_HEADER_BYTES || messageLength > length - offset) {
      throw new NetlinkReplyError(`netlink message length ${messageLength} at offset ${offset} does not fit the ${length}-byte reply`)
    }
    const payload = offset + NLMSG_HEADER_BYTES
    const payloadLength = messageLength - NLMSG_HEADER_BYTES
    if (messageSeq === seq >>> 0) {
      if (type === NLMSG_DONE || type === NLMSG_ERROR) {
        if (payloadLength < 4) throw new NetlinkReplyError(`netlink message of type ${type} is missing its status`)
        const status = buffer.readInt32LE(payload)
        if (status < 0) throw new NetlinkReplyError(`sock_diag dump failed: errno ${-status}`, -status)
        if (type === NLMSG_DONE) return true
      } else if (type === recordType) {
        if (payloadLength < INET_DIAG_MSG_BYTES) {
          throw new NetlinkReplyError(`truncated sock_diag record: ${payloadLength} of ${INET_DIAG_MSG_BYTES} bytes`)
        }
        visit(buffer, payload, payloadLength)
      } else if (type !== NLMSG_NOOP) {
        throw new NetlinkReplyError(`unexpected netlink message type ${type}`)
      }
    }
    offset += (messageLength + 3) & ~3
  }
  return false
}

/** scanDumpReply, each record decoded by `decode` (a full DiagSocket by default) and appended to `into`. */
export function parseDumpReply<T = DiagSocket>(buffer: Buffer, length: number, seq: number, protocol: Protocol, into: T[], decode?: RecordDecoder<T>): boolean {
  const decodeRecord = decode ?? (diagSocket as unknown as RecordDecoder<T>)
  return scanDumpReply(buffer, length, seq, (b, offset, recordLength) => {
    into.push(decodeRecord(b, offset, protocol, recordLength))
  })
}
