// Grow-and-retry around GetExtendedTcpTable/GetExtendedUdpTable, against a table source that follows the
// documented contract (ERROR_INSUFFICIENT_BUFFER with the needed size in *pdwSize; the table may grow
// between calls). Under Wine the real calls run in ip-helper-wine.test.ts, where the first buffer suffices.
import { describe, expect, it } from 'vitest'
import { IpHelperTables, TCP_TABLE_OWNER_PID_ALL, TCP_TABLE_OWNER_PID_LISTENER, UDP_TABLE_OWNER_PID, WINDOWS_AF_INET, WINDOWS_AF_INET6 } from '../../../../../src/main/monitor/windows/ip-helper'
import { parseTcp4Table } from '../../../../../src/main/monitor/windows/ip-helper-tables'
import { ERROR_INSUFFICIENT_BUFFER, type Win32 } from '../../../../../src/main/monitor/windows/win32'

/** A source of `rows()` TCP rows (24 bytes each) that checks the caller's buffer size as Windows does. */
function tableSource(rows: () => number, calls: Array<{ family: number; tableClass: number; size: number }>): Win32 {
  const fill = (table: Buffer, size: [number], _order: number, family: number, tableClass: number): number => {
    calls.push({ family, tableClass, size: size[0] })
    const count = rows()
    const needed = 4 + count * 24
    if (size[0] < needed) {
      size[0] = needed
      return ERROR_INSUFFICIENT_BUFFER
    }
    table.writeUInt32LE(count, 0)
    for (let i = 0; i < count; i++) {
      const o = 4 + i * 24
      table.writeUInt32LE(2, o)
      table.set([127, 0, 0, 1], o + 4)
      table.writeUInt16BE(1024 + i, o + 8)
      table.writeUInt32LE(1000 + i, o + 20)
    }
    return 0
  }
  return { GetExtendedTcpTable: fill, GetExtendedUdpTable: fill } as unknown as Win32
}

describe('IP Helper table reads', () => {
  it('grows the buffer when told it is too small, also when the table grows in between, and keeps it', () => {
    const calls: Array<{ family: number; tableClass: number; size: number }> = []
    let count = 1000
    const tables = new IpHelperTables(tableSource(() => (count += 300), calls))
    const bytes = tables.read('tcp', 4, false)
    const rows = parseTcp4Table(bytes)
    expect(rows.length).toBe(count)
    expect(bytes.length).toBe(4 + count * 24)
    expect(rows.at(-1)).toMatchObject({ port: 1024 + count - 1, owningPid: 1000 + count - 1, stateCode: 2 })
    expect(calls.length).toBeGreaterThan(1)
    expect(calls.every((c) => c.family === WINDOWS_AF_INET && c.tableClass === TCP_TABLE_OWNER_PID_LISTENER)).toBe(true)
    // The grown buffer is kept: the next read of the same table fits at once.
    calls.length = 0
    count = 10
    tables.read('tcp', 4, false)
    expect(calls).toHaveLength(1)
  })

  it('asks for connections with TCP_TABLE_OWNER_PID_ALL, UDP with UDP_TABLE_OWNER_PID, IPv6 as AF_INET6 (23)', () => {
    const calls: Array<{ family: number; tableClass: number; size: number }> = []
    const tables = new IpHelperTables(tableSource(() => 1, calls))
    tables.read('tcp', 6, true)
    tables.read('udp', 4, false)
    expect(calls.map((c) => [c.family, c.tableClass])).toEqual([[WINDOWS_AF_INET6, TCP_TABLE_OWNER_PID_ALL], [WINDOWS_AF_INET, UDP_TABLE_OWNER_PID]])
  })

  it('gives up with a clear error on a table that never fits, or on any other error code', () => {
    let count = 1000
    const runaway = new IpHelperTables(tableSource(() => (count *= 4), []))
    expect(() => runaway.read('tcp', 4, false)).toThrow('GetExtendedTcpTable (IPv4) kept growing after 5 tries')
    const failing = new IpHelperTables({ GetExtendedUdpTable: () => 87 } as unknown as Win32)
    expect(() => failing.read('udp', 6, false)).toThrow('GetExtendedUdpTable (IPv6) failed with error 87')
  })
})
