// The IP Helper table parsers and the owner join, on table bytes laid out here from Microsoft's documented
// MIB_*ROW_OWNER_PID structures (the same layouts ip-helper-tables.ts cites), independently of the parser.
import { isIPv6 } from 'node:net'
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  parseTable, parseTcp4Table, parseTcp6Table, parseUdp4Table, parseUdp6Table,
} from '../../../../../src/main/monitor/windows/ip-helper-tables'
import { joinOwners } from '../../../../../src/main/monitor/windows/owner-join'
import { elevatedOwnersNote } from '../../../../../src/main/monitor/windows/ip-helper-reader'

/** A DWORD port field: the port's two bytes in network order, then two zero bytes. */
function portField(port: number): number[] {
  return [port >> 8, port & 0xff, 0, 0]
}

function dword(value: number): number[] {
  return [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff]
}

function ipv4(text: string): number[] {
  return text.split('.').map(Number)
}

/** 16 bytes of an IPv6 address written in full (eight groups). */
function ipv6(groups: readonly number[]): number[] {
  return groups.flatMap((g) => [g >> 8, g & 0xff])
}

function table(rows: number[][]): Buffer {
  return Buffer.from([...dword(rows.length), ...rows.flat()])
}

// MIB_TCPROW_OWNER_PID: dwState, dwLocalAddr, dwLocalPort, dwRemoteAddr, dwRemotePort, dwOwningPid.
function tcp4Row(state: number, local: string, port: number, remote: string, remotePort: number, pid: number): number[] {
  return [...dword(state), ...ipv4(local), ...portField(port), ...ipv4(remote), ...portField(remotePort), ...dword(pid)]
}

// MIB_TCP6ROW_OWNER_PID: ucLocalAddr[16], dwLocalScopeId, dwLocalPort, ucRemoteAddr[16], dwRemoteScopeId,
// dwRemotePort, dwState, dwOwningPid.
function tcp6Row(local: number[], scope: number, port: number, remote: number[], remoteScope: number, remotePort: number, state: number, pid: number): number[] {
  return [...ipv6(local), ...dword(scope), ...portField(port), ...ipv6(remote), ...dword(remoteScope), ...portField(remotePort), ...dword(state), ...dword(pid)]
}

// MIB_UDPROW_OWNER_PID: dwLocalAddr, dwLocalPort, dwOwningPid.
function udp4Row(local: string, port: number, pid: number): number[] {
  return [...ipv4(local), ...portField(port), ...dword(pid)]
}

// MIB_UDP6ROW_OWNER_PID: ucLocalAddr[16], dwLocalScopeId, dwLocalPort, dwOwningPid.
function udp6Row(local: number[], scope: number, port: number, pid: number): number[] {
  return [...ipv6(local), ...dword(scope), ...portField(port), ...dword(pid)]
}

const LOOPBACK6 = [0, 0, 0, 0, 0, 0, 0, 1]
const ANY6 = [0, 0, 0, 0, 0, 0, 0, 0]
const LINK_LOCAL = [0xfe80, 0, 0, 0, 0x0211, 0x22ff, 0xfe33, 0x4455]

describe('IP Helper table parsers', () => {
  it('reads IPv4 TCP rows: listener without a peer, connection with its state and peer, ports from network order', () => {
    const bytes = table([
      tcp4Row(2, '0.0.0.0', 445, '0.0.0.0', 0, 4),
      tcp4Row(5, '192.168.1.20', 50123, '140.82.112.4', 443, 9120),
      tcp4Row(11, '127.0.0.1', 65535, '127.0.0.1', 258, 0),
    ])
    expect(bytes.length).toBe(4 + 3 * 24)
    expect(parseTcp4Table(bytes)).toEqual([
      { protocol: 'tcp', family: 4, address: '0.0.0.0', port: 445, remoteAddress: null, remotePort: null, stateCode: 2, owningPid: 4 },
      { protocol: 'tcp', family: 4, address: '192.168.1.20', port: 50123, remoteAddress: '140.82.112.4', remotePort: 443, stateCode: 5, owningPid: 9120 },
      { protocol: 'tcp', family: 4, address: '127.0.0.1', port: 65535, remoteAddress: '127.0.0.1', remotePort: 258, stateCode: 11, owningPid: 0 },
    ])
  })

  it('reads IPv6 TCP rows and keeps the scope id of a link-local address, not of ::1 (Wine reports one there)', () => {
    const bytes = table([
      tcp6Row(ANY6, 0, 135, ANY6, 0, 0, 2, 1044),
      tcp6Row(LINK_LOCAL, 12, 5357, LINK_LOCAL, 12, 49800, 5, 4),
      tcp6Row(LOOPBACK6, 4096, 3000, ANY6, 0, 0, 2, 0),
    ])
    expect(bytes.length).toBe(4 + 3 * 56)
    expect(parseTcp6Table(bytes)).toEqual([
      { protocol: 'tcp', family: 6, address: '::', port: 135, remoteAddress: null, remotePort: null, stateCode: 2, owningPid: 1044 },
      { protocol: 'tcp', family: 6, address: 'fe80::211:22ff:fe33:4455%12', port: 5357, remoteAddress: 'fe80::211:22ff:fe33:4455%12', remotePort: 49800, stateCode: 5, owningPid: 4 },
      { protocol: 'tcp', family: 6, address: '::1', port: 3000, remoteAddress: null, remotePort: null, stateCode: 2, owningPid: 0 },
    ])
  })

  it('reads IPv4 and IPv6 UDP rows', () => {
    expect(parseUdp4Table(table([udp4Row('0.0.0.0', 5353, 2412), udp4Row('127.0.0.1', 1900, 0)]))).toEqual([
      { protocol: 'udp', family: 4, address: '0.0.0.0', port: 5353, remoteAddress: null, remotePort: null, stateCode: 0, owningPid: 2412 },
      { protocol: 'udp', family: 4, address: '127.0.0.1', port: 1900, remoteAddress: null, remotePort: null, stateCode: 0, owningPid: 0 },
    ])
    expect(parseUdp6Table(table([udp6Row(LINK_LOCAL, 7, 546, 1300), udp6Row(LOOPBACK6, 0, 53, 88)]))).toEqual([
      { protocol: 'udp', family: 6, address: 'fe80::211:22ff:fe33:4455%7', port: 546, remoteAddress: null, remotePort: null, stateCode: 0, owningPid: 1300 },
      { protocol: 'udp', family: 6, address: '::1', port: 53, remoteAddress: null, remotePort: null, stateCode: 0, owningPid: 88 },
    ])
  })

  it('reads an empty table, ignores bytes after the rows, and refuses a count the bytes cannot hold', () => {
    expect(parseTcp4Table(table([]))).toEqual([])
    const padded = Buffer.concat([table([udp4Row('10.0.0.1', 67, 5)]), Buffer.alloc(100, 0xff)])
    expect(parseUdp4Table(padded)).toHaveLength(1)
    const lying = table([udp4Row('10.0.0.1', 67, 5)])
    lying.writeUInt32LE(2, 0)
    expect(() => parseUdp4Table(lying)).toThrow('the IPv4 UDP table claims 2 rows of 12 bytes but holds 16 bytes')
    expect(() => parseTcp6Table(Buffer.alloc(2))).toThrow(/too short for its header/)
    // The length the call reported bounds the rows, not the buffer's size.
    expect(() => parseUdp4Table(padded, 10)).toThrow(/claims 1 rows/)
  })

  it('parses any row the layouts can hold (property: ports and pids round-trip, IPv6 text is valid)', () => {
    const row6 = fc.record({
      groups: fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 8, maxLength: 8 }),
      scope: fc.integer({ min: 0, max: 0xffff_ffff }), port: fc.integer({ min: 0, max: 65535 }), pid: fc.integer({ min: 0, max: 0xffff_ffff }),
    })
    fc.assert(fc.property(fc.array(row6, { maxLength: 20 }), (rows) => {
      const parsed = parseTable('udp', 6, table(rows.map((r) => udp6Row(r.groups, r.scope, r.port, r.pid))))
      expect(parsed.map((s) => [s.port, s.owningPid])).toEqual(rows.map((r) => [r.port, r.pid]))
      for (const s of parsed) expect(isIPv6(s.address.split('%')[0] ?? '')).toBe(true)
    }))
  })
})

describe('owner join', () => {
  it('names each pid from the process snapshot; pid 0 has no owner; an exited pid keeps its number without a name; none is "hidden"', () => {
    const sockets = [
      ...parseTcp4Table(table([
        tcp4Row(2, '0.0.0.0', 445, '0.0.0.0', 0, 4),
        tcp4Row(2, '127.0.0.1', 5432, '0.0.0.0', 0, 7001),
        tcp4Row(11, '127.0.0.1', 50000, '127.0.0.1', 5432, 0),
        tcp4Row(2, '0.0.0.0', 8080, '0.0.0.0', 0, 9999),
      ])),
      ...parseUdp6Table(table([udp6Row(LOOPBACK6, 0, 5353, 7001)])),
    ]
    const snapshot = new Map([[4, { name: 'System' }], [7001, { name: 'postgres.exe' }]])
    expect(joinOwners(sockets, snapshot)).toEqual([
      { protocol: 'tcp', family: 4, address: '0.0.0.0', port: 445, state: 'LISTEN', remoteAddress: null, remotePort: null, pid: 4, process: 'System', uid: null, ownerHidden: false },
      { protocol: 'tcp', family: 4, address: '127.0.0.1', port: 5432, state: 'LISTEN', remoteAddress: null, remotePort: null, pid: 7001, process: 'postgres.exe', uid: null, ownerHidden: false },
      { protocol: 'tcp', family: 4, address: '127.0.0.1', port: 50000, state: 'TIME-WAIT', remoteAddress: '127.0.0.1', remotePort: 5432, pid: null, process: null, uid: null, ownerHidden: false },
      { protocol: 'tcp', family: 4, address: '0.0.0.0', port: 8080, state: 'LISTEN', remoteAddress: null, remotePort: null, pid: 9999, process: null, uid: null, ownerHidden: false },
      { protocol: 'udp', family: 6, address: '::1', port: 5353, state: 'UNCONN', remoteAddress: null, remotePort: null, pid: 7001, process: 'postgres.exe', uid: null, ownerHidden: false },
    ])
  })
})

describe('elevated owners note', () => {
  it('says nothing when every owner opened, and names elevation (not root) otherwise', () => {
    expect(elevatedOwnersNote(0)).toBeNull()
    expect(elevatedOwnersNote(1)).toBe('1 socket owner runs elevated, as a service or as another user: Windows names them but shows their path and user only to an administrator (run Portolan as administrator to see them).')
    expect(elevatedOwnersNote(3)).toMatch(/^3 socket owners run elevated/)
  })
})
