import { describe, expect, it } from 'vitest'
import { INET_DIAG_INFO, INFO_EXT, tcpInfoAttribute } from '../../../../../../src/main/monitor/linux/activity/tcp-info'
import { dumpRequest } from '../../../../../../src/main/monitor/linux/netlink-messages'

/** An rtattr (len u16, type u16, payload, padded to 4) as netlink lays them out after an inet_diag_msg. */
function rtattr(type: number, payload: Buffer): Buffer {
  const out = Buffer.alloc((4 + payload.length + 3) & ~3)
  out.writeUInt16LE(4 + payload.length, 0)
  out.writeUInt16LE(type, 2)
  payload.copy(out, 4)
  return out
}

describe('tcp_info from INET_DIAG_INFO', () => {
  it('asks for it with ext bit 1 << (INET_DIAG_INFO - 1) at byte 18 of the request', () => {
    expect(INFO_EXT).toBe(2)
    expect(dumpRequest(2, 6, 0xffff, 1, INFO_EXT)[18]).toBe(2)
    expect(dumpRequest(2, 6, 0xffff, 1)[18]).toBe(0)
  })

  it('reads rtt, bytes_acked and bytes_received at the uapi offsets, after another attribute', () => {
    const info = Buffer.alloc(232)
    info.writeUInt32LE(1234, 68)
    info.writeUInt32LE(5, 120)
    info.writeUInt32LE(1, 124) // high word: 2^32 + 5
    info.writeUInt32LE(987_654, 128)
    const attrs = Buffer.concat([rtattr(1, Buffer.alloc(16)), rtattr(INET_DIAG_INFO, info)])
    expect(tcpInfoAttribute(attrs, 0, attrs.length)).toEqual({ bytesAcked: 2 ** 32 + 5, bytesReceived: 987_654, rttMicros: 1234 })
  })

  it('gives nothing for a struct too short to hold the byte counters, or broken attributes', () => {
    const short = rtattr(INET_DIAG_INFO, Buffer.alloc(104))
    expect(tcpInfoAttribute(short, 0, short.length)).toBeNull()
    const broken = Buffer.from([200, 0, 2, 0, 1, 2, 3, 4])
    expect(tcpInfoAttribute(broken, 0, broken.length)).toBeNull()
  })
})
