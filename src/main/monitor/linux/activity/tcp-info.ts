// struct tcp_info as sock_diag's INET_DIAG_INFO attribute carries it. Offsets from the kernel's
// include/uapi/linux/tcp.h (torvalds/linux); every field is read only when the kernel's struct is long
// enough to hold it, since older kernels send a shorter one.

/** enum { INET_DIAG_NONE, INET_DIAG_MEMINFO, INET_DIAG_INFO, ... } in include/uapi/linux/inet_diag.h. */
export const INET_DIAG_INFO = 2
/** inet_diag_req_v2.idiag_ext asks for attribute n with bit n - 1. */
export const INFO_EXT = 1 << (INET_DIAG_INFO - 1)

const RTATTR_HEADER_BYTES = 4
/** __u32 tcpi_rtt: smoothed RTT in microseconds. */
const TCPI_RTT = 68
/** __u64 tcpi_bytes_acked (RFC 4898 tcpEStatsAppHCThruOctetsAcked). */
const TCPI_BYTES_ACKED = 120
/** __u64 tcpi_bytes_received (RFC 4898 tcpEStatsAppHCThruOctetsReceived). */
const TCPI_BYTES_RECEIVED = 128

export interface TcpInfo {
  /** Bytes the peer acknowledged (data, plus 1 for the SYN: the kernel counts sequence space). */
  bytesAcked: number
  /** Bytes received in order (sequence space: a received FIN counts 1). */
  bytesReceived: number
  /** Smoothed round-trip time, µs; null when the kernel's struct is too short to hold it. */
  rttMicros: number | null
}

/** Reads a u64 as a number (exact below 2^53, i.e. 9 PB per connection). */
function u64(buffer: Buffer, offset: number): number {
  return buffer.readUInt32LE(offset) + buffer.readUInt32LE(offset + 4) * 2 ** 32
}

/** Reads the fields into `into` (no allocation: the activity scan reuses one object); false when the struct is too short. */
export function readTcpInfo(buffer: Buffer, offset: number, length: number, into: TcpInfo): boolean {
  if (length < TCPI_BYTES_RECEIVED + 8) return false
  into.bytesAcked = u64(buffer, offset + TCPI_BYTES_ACKED)
  into.bytesReceived = u64(buffer, offset + TCPI_BYTES_RECEIVED)
  into.rttMicros = length >= TCPI_RTT + 4 ? buffer.readUInt32LE(offset + TCPI_RTT) : null
  return true
}

export function parseTcpInfo(buffer: Buffer, offset: number, length: number): TcpInfo | null {
  const info: TcpInfo = { bytesAcked: 0, bytesReceived: 0, rttMicros: null }
  return readTcpInfo(buffer, offset, length, info) ? info : null
}

/**
 * Reads the tcp_info among the rtattrs between `start` and `end` (after an inet_diag_msg) into `into`;
 * false when the kernel sent none (a listener, a socket in TIME_WAIT) or the attributes are malformed.
 */
export function findTcpInfo(buffer: Buffer, start: number, end: number, into: TcpInfo): boolean {
  let offset = start
  while (end - offset >= RTATTR_HEADER_BYTES) {
    const length = buffer.readUInt16LE(offset)
    const type = buffer.readUInt16LE(offset + 2)
    if (length < RTATTR_HEADER_BYTES || length > end - offset) return false
    if (type === INET_DIAG_INFO) return readTcpInfo(buffer, offset + RTATTR_HEADER_BYTES, length - RTATTR_HEADER_BYTES, into)
    offset += (length + 3) & ~3
  }
  return false
}

/** findTcpInfo into a new object, or null. */
export function tcpInfoAttribute(buffer: Buffer, start: number, end: number): TcpInfo | null {
  const info: TcpInfo = { bytesAcked: 0, bytesReceived: 0, rttMicros: null }
  return findTcpInfo(buffer, start, end, info) ? info : null
}
