import { connect, createServer, type Server, type Socket } from 'node:net'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { OPEN_CONNECTION_STATES } from '../../../../../../src/main/monitor/linux/activity/activity-tracker'
import { DEFAULT_MAX_RANGES, MAX_PROGRAM_BYTES, localPortFilter, portRanges } from '../../../../../../src/main/monitor/linux/activity/port-filter'
import { INFO_EXT } from '../../../../../../src/main/monitor/linux/activity/tcp-info'
import { AF_INET, AF_INET6, IPPROTO_TCP, NetlinkReplyError } from '../../../../../../src/main/monitor/linux/netlink-messages'
import { SockDiagSocket } from '../../../../../../src/main/monitor/linux/netlink-socket'

const inRanges = (ranges: ReadonlyArray<[number, number]>, port: number): boolean => ranges.some(([lo, hi]) => port >= lo && port <= hi)

describe('portRanges', () => {
  it('joins consecutive ports, drops duplicates and ports outside 0–65535', () => {
    expect(portRanges([8080, 22, 8081, 8082, 22, 443, 70000, -1], 100)).toEqual([[22, 22], [443, 443], [8080, 8082]])
  })

  it('closes the smallest gaps first when there are too many ranges, and never loses a port', () => {
    expect(portRanges([10, 12, 100, 1000, 1003], 3)).toEqual([[10, 12], [100, 100], [1000, 1003]])
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 300 }), fc.integer({ min: 1, max: 40 }), (ports, max) => {
        const ranges = portRanges(ports, max)
        expect(ranges.length).toBeLessThanOrEqual(Math.max(1, max))
        for (const p of ports) expect(inRanges(ranges, p)).toBe(true)
      }),
    )
  })
})

/** Local ports of the open TCP connections the kernel passes through `program` (undefined: no filter), one dump per family. */
function filteredPorts(socket: SockDiagSocket, program: Buffer | undefined): Array<{ port: number; inode: number }> {
  const seen: Array<{ port: number; inode: number }> = []
  for (const family of [AF_INET, AF_INET6]) {
    socket.scan(family, IPPROTO_TCP, OPEN_CONNECTION_STATES, INFO_EXT, (buffer, offset) => seen.push({ port: buffer.readUInt16BE(offset + 4), inode: buffer.readUInt32LE(offset + 68) }), program)
  }
  return seen
}

describe.skipIf(process.platform !== 'linux')('localPortFilter in the kernel, on real connections', () => {
  const servers: Server[] = []
  const clients: Socket[] = []
  const listenerPorts: number[] = []
  let socket: SockDiagSocket

  beforeAll(async () => {
    for (const host of ['127.0.0.1', '::1', '127.0.0.1']) {
      const server = createServer((s) => clients.push(s))
      await new Promise<void>((resolve) => server.listen(0, host, resolve))
      servers.push(server)
      const port = (server.address() as { port: number }).port
      listenerPorts.push(port)
      for (let i = 0; i < 2; i++) {
        const client = connect(port, host)
        await new Promise<void>((resolve, reject) => client.once('connect', resolve).once('error', reject))
        clients.push(client)
      }
    }
    socket = SockDiagSocket.open()
  })
  afterAll(async () => {
    socket.close()
    for (const c of clients) c.destroy()
    await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))))
  })

  it('passes the accepted ends on the listeners\' ports and skips the client ends', () => {
    const ours = new Set(clients.map((c) => c.localPort))
    const all = filteredPorts(socket, undefined).filter((s) => ours.has(s.port))
    // Each connection has two ends on this machine: three listeners × two connections × two ends.
    expect(all.length).toBe(12)
    const passed = filteredPorts(socket, localPortFilter(listenerPorts)).filter((s) => ours.has(s.port))
    expect(passed.map((s) => s.port).sort((a, b) => a - b)).toEqual(listenerPorts.flatMap((p) => [p, p]).sort((a, b) => a - b))
  })

  it('is refused with EINVAL before any record when the kernel\'s audit rejects a program (what the reader falls back on)', () => {
    let records = 0
    // Op code 200 is no inet_diag_bc_op.
    const refused = (): void => socket.scan(AF_INET, IPPROTO_TCP, OPEN_CONNECTION_STATES, INFO_EXT, () => { records++ }, Buffer.from([200, 4, 8, 0]))
    expect(refused).toThrow(NetlinkReplyError)
    try {
      refused()
    } catch (error) {
      expect(error instanceof NetlinkReplyError ? error.errno : null).toBe(22)
    }
    expect(records).toBe(0)
    // The socket goes on: the next dump is answered.
    expect(filteredPorts(socket, localPortFilter(listenerPorts)).length).toBe(6)
  })

  it('passes nothing for no ports', () => {
    expect(filteredPorts(socket, localPortFilter([]))).toEqual([])
  })

  it('takes the one-walk dump of both families with the same filter, and finds what one dump per family finds', () => {
    const program = localPortFilter(listenerPorts)
    const both: string[] = []
    socket.scanTcpBothFamilies(OPEN_CONNECTION_STATES, INFO_EXT, (buffer, offset) => both.push(`${buffer[offset]}:${buffer.readUInt16BE(offset + 4)}:${buffer.readUInt32LE(offset + 68)}`), program)
    const perFamily: string[] = []
    for (const family of [AF_INET, AF_INET6]) {
      socket.scan(family, IPPROTO_TCP, OPEN_CONNECTION_STATES, INFO_EXT, (buffer, offset) => perFamily.push(`${buffer[offset]}:${buffer.readUInt16BE(offset + 4)}:${buffer.readUInt32LE(offset + 68)}`), program)
    }
    expect(both.sort()).toEqual(perFamily.sort())
    expect(both.some((s) => s.startsWith(`${AF_INET}:`)) && both.some((s) => s.startsWith(`${AF_INET6}:`))).toBe(true)
  })

  it('is taken by the kernel at any size and passes exactly the ports of its ranges', () => {
    // Every local port the kernel has, so each program is judged on real sockets both ways.
    const real = [...new Set(filteredPorts(socket, undefined).map((s) => s.port))]
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 0xffff }), { maxLength: 4000 }), fc.subarray(real), (random, chosen) => {
        const ports = [...random, ...chosen]
        const program = localPortFilter(ports)
        expect(program.length).toBeLessThanOrEqual(MAX_PROGRAM_BYTES)
        const ranges = portRanges(ports, DEFAULT_MAX_RANGES)
        const passed = new Set(filteredPorts(socket, program).map((s) => s.port))
        for (const port of real) expect(passed.has(port)).toBe(inRanges(ranges, port))
        for (const port of chosen) expect(passed.has(port)).toBe(true)
      }),
      { numRuns: 25 },
    )
  })
})
