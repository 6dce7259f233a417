import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { isIPv6 } from 'node:net'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import {
  AF_INET,
  AF_INET6,
  NetlinkReplyError,
  parseDumpReply,
  type DiagSocket,
} from '../../../../../src/main/monitor/linux/netlink-messages'
import { decodeProcAddress, formatIpv6, parseProcNet } from '../../../../../src/main/monitor/linux/proc-net'
import { readStartTicks } from '../../../../../src/main/monitor/linux/process-details'
import { parseSsListing } from '../../../../helpers/ss-listing'

const RUNS = { numRuns: 300 }
const SEQ = 9
const isPort = (n: number): boolean => Number.isInteger(n) && n >= 0 && n <= 65535

describe('parseDumpReply (sock_diag) on arbitrary input', () => {
  const header = (length: number, type: number, seq: number): Buffer => {
    const b = Buffer.alloc(16)
    b.writeUInt32LE(length >>> 0, 0)
    b.writeUInt16LE(type, 4)
    b.writeUInt32LE(seq >>> 0, 8)
    return b
  }

  it('parses or throws NetlinkReplyError, for random bytes and for plausible headers over random payloads', () => {
    const plausible = fc
      .array(
        fc.record({ type: fc.constantFrom(1, 2, 3, 20, 21), seq: fc.constantFrom(SEQ, SEQ + 1), payload: fc.uint8Array({ maxLength: 100 }), slack: fc.integer({ min: -20, max: 20 }) }),
        { maxLength: 5 },
      )
      .map((messages) => Buffer.concat(messages.map((m) => Buffer.concat([header(16 + m.payload.length + m.slack, m.type, m.seq), Buffer.from(m.payload)]))))
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 400 }).map((b) => Buffer.from(b)), plausible), fc.nat(500), (buffer, cut) => {
        const into: DiagSocket[] = []
        try {
          parseDumpReply(buffer, Math.min(cut, buffer.length), SEQ, 'tcp', into)
        } catch (error) {
          expect(error).toBeInstanceOf(NetlinkReplyError)
        }
        for (const s of into) expect(isPort(s.port) && isPort(s.remotePort)).toBe(true)
      }),
      RUNS,
    )
  })

  it('reads back every field of well-formed records, ports 0 and 65535 and IPv4-mapped addresses included', () => {
    const record = fc.record({
      v6: fc.boolean(),
      state: fc.integer({ min: 0, max: 255 }),
      port: fc.oneof(fc.constantFrom(0, 65535), fc.integer({ min: 0, max: 65535 })),
      remotePort: fc.integer({ min: 0, max: 65535 }),
      src: fc.oneof(fc.uint8Array({ minLength: 16, maxLength: 16 }), fc.uint8Array({ minLength: 4, maxLength: 4 }).map((v4) => Uint8Array.from([...Array<number>(10).fill(0), 0xff, 0xff, ...v4]))),
      uid: fc.nat(),
      inode: fc.nat(),
    })
    fc.assert(
      fc.property(fc.array(record, { maxLength: 6 }), (records) => {
        const messages = records.map((r) => {
          const payload = Buffer.alloc(72)
          payload[0] = r.v6 ? AF_INET6 : AF_INET
          payload[1] = r.state
          payload.writeUInt16BE(r.port, 4)
          payload.writeUInt16BE(r.remotePort, 6)
          Buffer.from(r.src).copy(payload, 8)
          payload.writeUInt32LE(r.uid, 64)
          payload.writeUInt32LE(r.inode, 68)
          return Buffer.concat([header(88, 20, SEQ), payload])
        })
        const status = Buffer.alloc(4)
        const reply = Buffer.concat([...messages, header(20, 3, SEQ), status])
        const into: DiagSocket[] = []
        expect(parseDumpReply(reply, reply.length, SEQ, 'udp', into)).toBe(true)
        expect(into).toHaveLength(records.length)
        records.forEach((r, i) => {
          const socket = into[i]
          expect(socket).toMatchObject({ protocol: 'udp', family: r.v6 ? 6 : 4, state: r.state, port: r.port, remotePort: r.remotePort, uid: r.uid, inode: r.inode })
          expect(socket?.address).toBe(r.v6 ? formatIpv6(r.src) : [...r.src.slice(0, 4)].join('.'))
        })
      }),
      RUNS,
    )
  })
})

describe('formatIpv6', () => {
  it('writes valid, canonical (RFC 5952) IPv6 text', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (bytes) => {
        const text = formatIpv6(bytes)
        expect(isIPv6(text)).toBe(true)
        // WHATWG URL hosts are RFC 5952 text too, except that they write IPv4-mapped addresses in hex.
        if (!text.startsWith('::ffff:') || !text.includes('.')) expect(new URL(`http://[${text}]/`).hostname).toBe(`[${text}]`)
      }),
      RUNS,
    )
  })

  it('refuses fewer than 16 bytes instead of reading zeros past the end', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 15 }), (bytes) => {
        expect(() => formatIpv6(bytes)).toThrow(RangeError)
      }),
      RUNS,
    )
    expect(() => formatIpv6(new Uint8Array(20), 8)).toThrow(/16 bytes at offset 8/)
    expect(formatIpv6(new Uint8Array(24), 8)).toBe('::')
  })
})

describe('/proc/net tables on arbitrary text', () => {
  const hex = (n: number, width: number): string => n.toString(16).toUpperCase().padStart(width, '0')
  it('parses real-shaped lines exactly, and anything else either parses to valid sockets or throws an Error', () => {
    const line = fc.record({ v6: fc.boolean(), port: fc.integer({ min: 0, max: 65535 }), state: fc.integer({ min: 1, max: 11 }), uid: fc.nat(), inode: fc.nat(), addr: fc.uint8Array({ minLength: 16, maxLength: 16 }) })
    fc.assert(
      fc.property(line, (l) => {
        const addrHex = l.v6 ? Buffer.from(l.addr).toString('hex').toUpperCase() : hex(Buffer.from(l.addr).readUInt32LE(0), 8)
        const zero = l.v6 ? '0'.repeat(32) : '00000000'
        const text = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n   0: ${addrHex}:${hex(l.port, 4)} ${zero}:0000 ${hex(l.state, 2)} 00000000:00000000 00:00000000 00000000 ${l.uid} 0 ${l.inode} 1 0000000000000000 100 0 0 10 0\n`
        const [socket] = parseProcNet(text, 'tcp', l.v6 ? 6 : 4)
        expect(socket).toMatchObject({ port: l.port, uid: l.uid, inode: l.inode, remotePort: 0 })
        expect(socket?.address).toBe(decodeProcAddress(addrHex))
      }),
      RUNS,
    )
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.array(fc.constantFrom('0:', '0100007F:1F90', 'zz:1', '00000000:0000', '0A', '1000', ':', '12345'), { minLength: 10, maxLength: 14 }).map((f) => f.join(' '))), { maxLength: 5 }), (lines) => {
        let sockets: ReturnType<typeof parseProcNet> = []
        try {
          sockets = parseProcNet(['header', ...lines].join('\n'), 'udp', 4)
        } catch (error) {
          expect(error).toBeInstanceOf(Error)
          expect((error as Error).message).toMatch(/^unexpected .* in \/proc\/net/)
        }
        for (const s of sockets) {
          expect(isPort(s.port) && isPort(s.remotePort)).toBe(true)
          expect(Number.isInteger(s.inode) && Number.isInteger(s.uid)).toBe(true)
        }
      }),
      RUNS,
    )
  })
})

describe('ss listings on arbitrary text', () => {
  it('never throw, and every socket has a port 0-65535', () => {
    const token = fc.constantFrom('tcp', 'udp', 'LISTEN', 'UNCONN', '0', '128', '*:*', '[::1]:80', '127.0.0.1:-1', '[fe80::1%eth0]:65536', '*:', ':5', '0.0.0.0:99999', 'users:(("a b",pid=12,fd=3))')
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.array(fc.oneof(token, fc.string()), { maxLength: 8 }).map((t) => t.join(' '))), { maxLength: 6 }), (lines) => {
        for (const s of parseSsListing(lines.join('\n'))) expect(isPort(s.port)).toBe(true)
      }),
      RUNS,
    )
  })
})

describe('process start times from /proc/<pid>/stat', () => {
  const root = mkdtempSync(join(tmpdir(), 'portolan-stat-'))
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it('reads the start time whatever the name holds (spaces, parentheses, unicode, newlines)', () => {
    let pid = 1
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 15 }), fc.nat(), (name, ticks) => {
        const dir = join(root, String(++pid))
        mkdirSync(dir)
        const after = ['S', '1', ...Array<string>(17).fill('0'), String(ticks), '0', '0']
        writeFileSync(join(dir, 'stat'), `${pid} (${name}) ${after.join(' ')}\n`)
        expect(readStartTicks(root, pid)).toBe(ticks)
      }),
      RUNS,
    )
  })

  it('is null for a process that is gone, never an exception', () => {
    expect(readStartTicks(root, 999_999)).toBeNull()
  })
})
