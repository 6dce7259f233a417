import { connect, createServer, type Server, type Socket } from 'node:net'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import type { SocketRecord } from '../../../../../../src/main/monitor/collector'
import { SockDiagCollector } from '../../../../../../src/main/monitor/linux/sock-diag-collector'
import { rowId } from '../../../../../../src/main/monitor/rows'
import type { ActivitySample } from '../../../../../../src/shared/activity'

const signal = new AbortController().signal
const servers: Server[] = []
const sockets: Socket[] = []

/** An echo server of this process; `ipv6Only: false` on `::` also takes IPv4 (as IPv4-mapped connections). */
async function echoServer(host: string): Promise<{ server: Server; port: number }> {
  const server = createServer((s) => {
    sockets.push(s)
    s.on('data', (d: Buffer) => s.write(d))
  })
  await new Promise<void>((resolve) => server.listen({ host, port: 0, ipv6Only: false }, resolve))
  servers.push(server)
  return { server, port: (server.address() as { port: number }).port }
}

/** Connects, sends `bytes` and waits for all of them to come back. */
async function echo(host: string, port: number, bytes: number): Promise<Socket> {
  const client = connect(port, host)
  sockets.push(client)
  await new Promise<void>((resolve, reject) => client.once('connect', resolve).once('error', reject))
  let back = 0
  const done = new Promise<void>((resolve) => client.on('data', (d: Buffer) => ((back += d.length) >= bytes ? resolve() : undefined)))
  client.write(Buffer.alloc(bytes, 0x63))
  await done
  return client
}

interface Poll {
  records: SocketRecord[]
  samples: readonly ActivitySample[]
}

/** Collects through the worker until `match` holds (the kernel's counters settle within a poll or two). */
async function pollUntil(collector: SockDiagCollector, match: (poll: Poll) => boolean): Promise<Poll> {
  let last: Poll | undefined
  for (let attempt = 0; attempt < 30; attempt++) {
    const records = await collector.collect({ includeConnections: false, activity: true, signal })
    last = { records, samples: collector.activity() ?? [] }
    if (match(last)) return last
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`never matched; last samples of ours: ${JSON.stringify(last?.samples.filter((s) => s.id.endsWith(`|${process.pid}`)))}`)
}

const listenerId = (poll: Poll, address: string, port: number): string | undefined => {
  const record = poll.records.find((r) => r.protocol === 'tcp' && r.state === 'LISTEN' && r.address === address && r.port === port && r.pid === process.pid)
  return record ? rowId(record) : undefined
}
const sampleOf = (poll: Poll, address: string, port: number): ActivitySample | undefined => {
  const id = listenerId(poll, address, port)
  return poll.samples.find((s) => s.id === id)
}

describe.skipIf(process.platform !== 'linux')('activity measured in the worker, per listener', () => {
  const collector = new SockDiagCollector()
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.destroy()
    await Promise.all(servers.splice(0).map((s) => new Promise<void>((resolve) => s.close(() => resolve()))))
  })
  afterAll(() => collector.close())

  it('sums each listener\'s accepted connections (IPv4, IPv6 and IPv4-mapped on a dual-stack ::) and sends only listeners across', async () => {
    const v4 = await echoServer('127.0.0.1')
    const dual = await echoServer('::')
    await echo('127.0.0.1', v4.port, 1500)
    await echo('127.0.0.1', v4.port, 2500)
    await echo('127.0.0.1', dual.port, 700)
    await echo('::1', dual.port, 300)
    const poll = await pollUntil(collector, (p) => {
      const a = sampleOf(p, '127.0.0.1', v4.port)
      const b = sampleOf(p, '::', dual.port)
      return a?.connections === 2 && a.bytesReceived === 4000 && a.bytesSent === 4000 && b?.connections === 2 && b.bytesReceived === 1000 && b.bytesSent === 1000
    })
    expect(sampleOf(poll, '127.0.0.1', v4.port)?.rttMs).toBeGreaterThan(0)
    // Across the worker boundary: one sample per TCP listener row, none for the four client ends or the accepted ones.
    const listenerIds = new Set(poll.records.filter((r) => r.protocol === 'tcp' && r.state === 'LISTEN').map(rowId))
    expect(poll.samples.every((s) => listenerIds.has(s.id) && s.connections !== null)).toBe(true)
    expect(poll.samples.length).toBe(poll.records.filter((r) => r.protocol === 'tcp' && r.state === 'LISTEN' && r.inode !== 0).length)
  })

  it('follows a listener that goes away and a new one that comes, with the new one\'s bytes only', async () => {
    const first = await echoServer('127.0.0.1')
    await echo('127.0.0.1', first.port, 1234)
    await pollUntil(collector, (p) => sampleOf(p, '127.0.0.1', first.port)?.bytesReceived === 1234)
    for (const s of sockets.splice(0)) s.destroy()
    await new Promise<void>((resolve) => first.server.close(() => resolve()))
    servers.splice(servers.indexOf(first.server), 1)

    const second = await echoServer('127.0.0.1')
    await echo('127.0.0.1', second.port, 4321)
    const poll = await pollUntil(collector, (p) => sampleOf(p, '127.0.0.1', second.port)?.bytesReceived === 4321 && listenerId(p, '127.0.0.1', first.port) === undefined)
    expect(sampleOf(poll, '127.0.0.1', second.port)).toMatchObject({ connections: 1, bytesSent: 4321, acceptQueue: 0, acceptBacklog: 511 })
    expect(poll.samples.some((s) => s.id.includes(`|${first.port}|`))).toBe(false)
  })
})
