const NLMSG_HEADER_BYTES = 16
const SOCK_DIAG_BY_FAMILY = 20
const INET_DIAG_MSG_BYTES = 72

/**
 * The bytes of a whole dump with what changes by itself zeroed (sequence numbers, port ids, timers,
 * retransmits, expiry and queue lengths), so two dumps of the same sockets compare equal with one
 * memcmp. Stops quietly at anything malformed: parsing, not this, reports garbage.
 */
export function dumpFingerprint(chunks: readonly Buffer[]): Buffer {
  const out = Buffer.concat(chunks)
  let offset = 0
  while (out.length - offset >= NLMSG_HEADER_BYTES) {
    const length = out.readUInt32LE(offset)
    if (length < NLMSG_HEADER_BYTES || length > out.length - offset) break
    out.fill(0, offset + 8, offset + 16)
    if (out.readUInt16LE(offset + 4) === SOCK_DIAG_BY_FAMILY && length >= NLMSG_HEADER_BYTES + INET_DIAG_MSG_BYTES) {
      const record = offset + NLMSG_HEADER_BYTES
      out.fill(0, record + 2, record + 4) // timer, retrans
      out.fill(0, record + 52, record + 64) // expires, rqueue, wqueue
      out.fill(0, record + INET_DIAG_MSG_BYTES, offset + length) // attributes (tcp_info's counters move all the time)
    }
    offset += (length + 3) & ~3
  }
  return out
}
