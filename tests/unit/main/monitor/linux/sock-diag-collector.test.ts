import { execFileSync } from 'node:child_process'
import { createSocket, type Socket as UdpSocket } from 'node:dgram'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { connect, createServer, type Server, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { UNCHANGED, type SocketRecord } from '../../../../../src/main/monitor/collector'
import { SockDiagCollector, sockDiagWorkerScript } from '../../../../../src/main/monitor/linux/sock-diag-collector'
import { parseSsListing, type SsSocket } from '../../../../helpers/ss-listing'
import { anyString, arrayContaining } from '../../../../helpers/matchers'
import { IN_CI, describeWhenAvailable } from '../../../../helpers/availability'
import { bindUdp, listenTcp, type OpenSocket } from '../../../../helpers/sockets'

const linux = process.platform === 'linux'
const HOSTS = ['127.0.0.1', '::1', '0.0.0.0', '::']
const never = (): AbortSignal => new AbortController().signal

const endpointKey = (s: { protocol: string; address: string; port: number }): string => `${s.protocol} ${s.address} ${s.port}`

function ssListeners(): SsSocket[] {
  return parseSsListing(execFileSync(SS, ['-tulnpH'], { encoding: 'utf8' }))
}

/** A dual-stack (not v6-only) socket on ::, which `ss` prints as `*`. */
async function dualStack(): Promise<{ ports: OpenSocket[]; close(): Promise<void> }> {
  const server: Server = createServer()
  await new Promise<void>((resolve) => server.listen({ host: '::', port: 0, ipv6Only: false }, resolve))
  const udp: UdpSocket = createSocket({ type: 'udp6', ipv6Only: false })
  await new Promise<void>((resolve) => udp.bind({ address: '::', port: 0 }, resolve))
  const tcpPort = (server.address() as { port: number }).port
  const ports: OpenSocket[] = [
    { protocol: 'tcp', address: '::', family: 6, port: tcpPort, close: () => Promise.resolve() },
    { protocol: 'udp', address: '::', family: 6, port: udp.address().port, close: () => Promise.resolve() },
  ]
  return {
    ports,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await new Promise<void>((resolve) => udp.close(() => resolve()))
    },
  }
}

const SS = '/usr/bin/ss'
const ssMissing = !linux ? 'not Linux' : existsSync(SS) ? null : `${SS} not found (install iproute2)`

describeWhenAvailable('SockDiagCollector against ss -tulnpH, on real sockets', ssMissing, linux && IN_CI, () => {
  const opened: OpenSocket[] = []
  let dual: Awaited<ReturnType<typeof dualStack>>
  const collector = new SockDiagCollector()

  beforeAll(async () => {
    for (const host of HOSTS) opened.push(await listenTcp(host), await bindUdp(host))
    dual = await dualStack()
    opened.push(...dual.ports)
  })

  afterAll(async () => {
    await collector.close()
    await Promise.all(opened.map((s) => s.close()))
    await dual.close()
  })

  it('finds our TCP and UDP listeners on IPv4 and IPv6 with our pid and name', async () => {
    const records = await collector.collect({ includeConnections: false, signal: never() })
    for (const socket of opened) {
      const found = records.find((r) => endpointKey(r) === endpointKey(socket))
      expect(found, endpointKey(socket)).toMatchObject({
        family: socket.family,
        state: socket.protocol === 'tcp' ? 'LISTEN' : 'UNCONN',
        pid: process.pid,
        process: anyString(),
        remoteAddress: null,
        remotePort: null,
      })
    }
  })

  it('agrees with ss on every (protocol, address, port, pid) of the machine', async () => {
    // Other test files open and close sockets meanwhile: a socket must be ours if ss saw it both before
    // and after our dump, and every one of ours must have been seen by ss at least once.
    const before = ssListeners()
    const records = await collector.collect({ includeConnections: false, signal: never() })
    const after = ssListeners()
    const matches = (record: SocketRecord, ss: SsSocket): boolean =>
      endpointKey(ss) === endpointKey(record) && (record.pid === null ? ss.pids.length === 0 : ss.pids.includes(record.pid))

    // A socket that came and went between the two ss runs cannot be checked; every stable one must agree.
    const stable = before.filter((ss) => after.some((later) => endpointKey(later) === endpointKey(ss)))
    for (const record of records) {
      if (!stable.some((ss) => endpointKey(ss) === endpointKey(record))) continue
      expect([...before, ...after].some((ss) => matches(record, ss)), `${endpointKey(record)} pid ${record.pid}`).toBe(true)
    }
    for (const ss of stable) {
      expect(records.some((record) => matches(record, ss)), `${endpointKey(ss)} pids ${ss.pids.join(',')}`).toBe(true)
    }
    expect(stable.length).toBeGreaterThanOrEqual(opened.length)
  })

  it('lists established connections only when asked', async () => {
    const server = createServer((socket) => socket.on('error', () => undefined))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const port = (server.address() as { port: number }).port
    const client: Socket = connect(port, '127.0.0.1')
    await new Promise<void>((resolve) => client.once('connect', resolve))
    try {
      const isOurConnection = (r: SocketRecord): boolean => r.state === 'ESTAB' && r.remotePort === port && r.port === client.localPort
      const listeners = await collector.collect({ includeConnections: false, signal: never() })
      expect(listeners.some(isOurConnection)).toBe(false)
      const all = await collector.collect({ includeConnections: true, signal: never() })
      expect(all.find(isOurConnection)).toMatchObject({ protocol: 'tcp', address: '127.0.0.1', remoteAddress: '127.0.0.1', pid: process.pid })
    } finally {
      client.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  })

  it('answers UNCHANGED only when told the last records were kept, and its records otherwise', async () => {
    const first = await collector.collect({ includeConnections: false, signal: never() })
    expect(Array.isArray(first)).toBe(true)
    // Other test files open sockets too: a collection that changed can't be told from ours, so retry.
    let again = await collector.collect({ includeConnections: false, signal: never(), lastKept: true })
    for (let i = 0; i < 5 && again !== UNCHANGED; i++) again = await collector.collect({ includeConnections: false, signal: never(), lastKept: true })
    expect(again).toBe(UNCHANGED)
    const records = await collector.collect({ includeConnections: false, signal: never() })
    expect(records.some((r) => r.port === opened[0]?.port && r.pid === process.pid)).toBe(true)
  })

  it('keeps process details (path, command line, user, start time) for owners, sent across only when they changed', async () => {
    await collector.collect({ includeConnections: false, signal: never() })
    const details = collector.processDetails(process.pid)
    expect(details).toMatchObject({
      pid: process.pid,
      executable: process.execPath,
      uid: process.getuid?.(),
      commandLine: arrayContaining([anyString()]),
    })
    expect(details?.startTime).toBeGreaterThan(Date.now() - process.uptime() * 1000 - 5000)
    expect(details?.startTime).toBeLessThanOrEqual(Date.now())
  })
})

describe('SockDiagCollector worker lifecycle', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'portolan-worker-'))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('locates the TypeScript worker when running from source', () => {
    const script = sockDiagWorkerScript()
    expect('source' in script && script.source).toMatch(/sock-diag-worker\.ts/)
  })

  it('rejects, and starts a new worker next time, when the worker dies', async () => {
    const collector = new SockDiagCollector({ source: "require('node:worker_threads').parentPort.on('message', () => process.exit(3))" })
    await expect(collector.collect({ includeConnections: false, signal: never() })).rejects.toThrow(/exited \(code 3\)/)
    await expect(collector.collect({ includeConnections: false, signal: never() })).rejects.toThrow(/exited \(code 3\)/)
    await collector.close()
  })

  it('honours the abort signal on a hung worker, then answers with a fresh one', async () => {
    const marker = join(dir, 'hung-once')
    const source = `
      const { parentPort } = require('node:worker_threads')
      const fs = require('node:fs')
      if (!fs.existsSync(${JSON.stringify(marker)})) {
        fs.writeFileSync(${JSON.stringify(marker)}, '')
        parentPort.on('message', () => { for (;;) {} })
      } else {
        parentPort.on('message', (r) => parentPort.postMessage({ id: r.id, records: [] }))
      }`
    const collector = new SockDiagCollector({ source })
    const controller = new AbortController()
    const hung = collector.collect({ includeConnections: false, signal: controller.signal })
    setTimeout(() => controller.abort(new Error('timeout')), 200)
    await expect(hung).rejects.toThrow('timeout')
    await expect(collector.collect({ includeConnections: false, signal: never() })).resolves.toEqual([])
    await collector.close()
  })

  it('reports a worker that cannot load', async () => {
    const collector = new SockDiagCollector({ source: "throw new Error('koffi is missing')" })
    await expect(collector.collect({ includeConnections: false, signal: never() })).rejects.toThrow(/koffi is missing/)
    await collector.close()
  })
})
