import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  AF_INET,
  AF_INET6,
  DUMP_REQUEST_BYTES,
  INET_DIAG_SKV6ONLY,
  IPPROTO_TCP,
  NetlinkReplyError,
  dumpRequest,
  parseDumpReply,
  type DiagSocket,
} from '../../../../../src/main/monitor/linux/netlink-messages'

const SEQ = 7

function message(type: number, payload: Buffer, seq = SEQ): Buffer {
  const length = 16 + payload.length
  const out = Buffer.alloc((length + 3) & ~3)
  out.writeUInt32LE(length, 0)
  out.writeUInt16LE(type, 4)
  out.writeUInt32LE(seq, 8)
  payload.copy(out, 16)
  return out
}

interface RecordSpec {
  family: number
  state: number
  port: number
  remotePort?: number
  src: number[]
  dst?: number[]
  uid: number
  inode: number
}

function diagRecord(spec: RecordSpec): Buffer {
  const r = Buffer.alloc(72)
  r[0] = spec.family
  r[1] = spec.state
  r.writeUInt16BE(spec.port, 4)
  r.writeUInt16BE(spec.remotePort ?? 0, 6)
  Buffer.from(spec.src).copy(r, 8)
  Buffer.from(spec.dst ?? []).copy(r, 24)
  r.writeUInt32LE(spec.uid, 64)
  r.writeUInt32LE(spec.inode, 68)
  return r
}

const status = (value: number): Buffer => {
  const b = Buffer.alloc(4)
  b.writeInt32LE(value, 0)
  return b
}
const done = (seq = SEQ): Buffer => message(3, status(0), seq)
const ipv6Loopback = [...Array<number>(15).fill(0), 1]

function parse(reply: Buffer): { sockets: DiagSocket[]; finished: boolean } {
  const sockets: DiagSocket[] = []
  const finished = parseDumpReply(reply, reply.length, SEQ, 'tcp', sockets)
  return { sockets, finished }
}

describe('dumpRequest', () => {
  it('builds the 72-byte SOCK_DIAG_BY_FAMILY dump request the kernel expects', () => {
    const request = dumpRequest(AF_INET6, IPPROTO_TCP, 1 << 10, 42)
    expect(request.length).toBe(DUMP_REQUEST_BYTES)
    expect(DUMP_REQUEST_BYTES).toBe(72)
    expect(request.readUInt32LE(0)).toBe(72)
    expect(request.readUInt16LE(4)).toBe(20)
    expect(request.readUInt16LE(6)).toBe(0x301)
    expect(request.readUInt32LE(8)).toBe(42)
    expect(request[16]).toBe(10)
    expect(request[17]).toBe(6)
    expect(request.readUInt32LE(20)).toBe(1024)
    expect(request.readUInt32LE(64)).toBe(0xffffffff)
    expect(request.readUInt32LE(68)).toBe(0xffffffff)
  })
})

describe('parseDumpReply', () => {
  it('decodes IPv4 and IPv6 records and stops at NLMSG_DONE', () => {
    const reply = Buffer.concat([
      message(20, diagRecord({ family: AF_INET, state: 10, port: 8080, src: [127, 0, 0, 1], uid: 1000, inode: 4242 })),
      message(20, diagRecord({ family: AF_INET6, state: 1, port: 443, remotePort: 51000, src: ipv6Loopback, dst: ipv6Loopback, uid: 0, inode: 7 })),
      done(),
    ])
    const { sockets, finished } = parse(reply)
    expect(finished).toBe(true)
    expect(sockets).toEqual([
      { protocol: 'tcp', family: 4, state: 10, address: '127.0.0.1', port: 8080, remoteAddress: '0.0.0.0', remotePort: 0, uid: 1000, inode: 4242, rqueue: 0, wqueue: 0, ifindex: 0, v6only: null },
      { protocol: 'tcp', family: 6, state: 1, address: '::1', port: 443, remoteAddress: '::1', remotePort: 51000, uid: 0, inode: 7, rqueue: 0, wqueue: 0, ifindex: 0, v6only: null },
    ])
  })

  it('reads the interface index and the INET_DIAG_SKV6ONLY attribute after the record, skipping others', () => {
    const record = diagRecord({ family: AF_INET6, state: 10, port: 80, src: Array<number>(16).fill(0), uid: 0, inode: 9 })
    record.writeUInt32LE(3, 40)
    const attribute = (type: number, value: number[]) => {
      const out = Buffer.alloc((4 + value.length + 3) & ~3)
      out.writeUInt16LE(4 + value.length, 0)
      out.writeUInt16LE(type, 2)
      Buffer.from(value).copy(out, 4)
      return out
    }
    const withFlag = (flag: number) => parse(message(20, Buffer.concat([record, attribute(5, [0]), attribute(INET_DIAG_SKV6ONLY, [flag])]))).sockets[0]
    expect(withFlag(0)).toMatchObject({ address: '::', ifindex: 3, v6only: false })
    expect(withFlag(1)?.v6only).toBe(true)
    // A garbled attribute length: the flag is unknown, the record still stands.
    const garbled = Buffer.concat([record, Buffer.from([0xff, 0x00, 11, 0])])
    expect(parse(message(20, garbled)).sockets[0]?.v6only).toBeNull()
  })

  it('writes IPv4-mapped IPv6 addresses dotted', () => {
    const mapped = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 10, 1, 2, 3]
    const { sockets } = parse(message(20, diagRecord({ family: AF_INET6, state: 10, port: 1, src: mapped, uid: 0, inode: 1 })))
    expect(sockets[0]?.address).toBe('::ffff:10.1.2.3')
  })

  it('returns false while the dump continues in the next recv()', () => {
    const { finished, sockets } = parse(message(20, diagRecord({ family: AF_INET, state: 10, port: 1, src: [0, 0, 0, 0], uid: 0, inode: 1 })))
    expect(finished).toBe(false)
    expect(sockets).toHaveLength(1)
  })

  it('skips messages left over from an earlier dump (another sequence number)', () => {
    const stale = message(20, diagRecord({ family: AF_INET, state: 10, port: 9, src: [0, 0, 0, 0], uid: 0, inode: 1 }), SEQ - 1)
    const { sockets, finished } = parse(Buffer.concat([stale, done(SEQ - 1), done()]))
    expect(sockets).toEqual([])
    expect(finished).toBe(true)
  })

  it('reports a kernel error with its errno', () => {
    const reply = message(2, Buffer.concat([status(-22), Buffer.alloc(16)]))
    expect(() => parse(reply)).toThrow(NetlinkReplyError)
    try {
      parse(reply)
    } catch (error) {
      expect((error as NetlinkReplyError).errno).toBe(22)
    }
  })

  it('reports a dump that ended in error', () => {
    expect(() => parse(message(3, status(-16)))).toThrow(/errno 16/)
  })

  it.each([
    ['a header cut short', Buffer.alloc(10)],
    ['a length beyond the reply', (() => { const m = done(); m.writeUInt32LE(400, 0); return m })()],
    ['a length below the header size', (() => { const m = done(); m.writeUInt32LE(4, 0); return m })()],
    ['a record cut short', message(20, Buffer.alloc(40))],
    ['an unknown address family', message(20, diagRecord({ family: 1, state: 10, port: 1, src: [], uid: 0, inode: 1 }))],
    ['an unexpected message type', message(99, Buffer.alloc(8))],
    ['a DONE without its status', message(3, Buffer.alloc(0))],
  ])('rejects %s with a clear error', (_what, reply) => {
    expect(() => parse(reply)).toThrow(NetlinkReplyError)
  })

  it('refuses a length larger than its buffer', () => {
    expect(() => parseDumpReply(Buffer.alloc(16), 32, SEQ, 'udp', [])).toThrow(/exceeds/)
  })

  it('never crashes on random bytes: it parses or throws NetlinkReplyError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        const buffer = Buffer.from(bytes)
        try {
          parseDumpReply(buffer, buffer.length, SEQ, 'udp', [])
        } catch (error) {
          expect(error).toBeInstanceOf(NetlinkReplyError)
        }
      }),
    )
  })
})
