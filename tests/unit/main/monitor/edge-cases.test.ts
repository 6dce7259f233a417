// Sockets as they really are, on this machine's kernel: owners that exit mid-poll, odd process names,
// IPv4-mapped peers, scoped addresses, the port extremes, other users' sockets, and mass churn.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { chmodSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import { connect, createServer, type Server, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { afterAll, afterEach, assert, beforeAll, describe, expect, it } from 'vitest'
import { exposureOf, familyOf, normalizeAddress } from '../../../../src/main/monitor/address'
import { readProcNet } from '../../../../src/main/monitor/linux/proc-net'
import { SocketOwners } from '../../../../src/main/monitor/linux/socket-owners'
import { normalizeSsAddress } from '../../../helpers/ss-listing'
import { Poller } from '../../../../src/main/monitor/poller'
import { toRows } from '../../../../src/main/monitor/rows'
import { selectCollector } from '../../../../src/main/monitor/select-collector'
import { fromSystemInformation } from '../../../../src/main/monitor/si-collector'
import { NO_PORT_INFO } from '../../../../src/main/registry/lookup'
import { HIDDEN_OWNER_TEXT } from '../../../../src/shared/owner'
import type { Delta, Row } from '../../../../src/shared/row'
import { NOBODY, nobodyCannotRunFrom } from '../../../helpers/nobody'

const linux = process.platform === 'linux'
const ROOT_DIR = resolve(__dirname, '../../../..')
const asRoot = linux && process.getuid?.() === 0
const nobodyMissing = nobodyCannotRunFrom(ROOT_DIR)
const registry = { lookup: () => NO_PORT_INFO }

const children: ChildProcess[] = []
afterEach(async () => {
  await Promise.all(children.splice(0).map(async (child) => {
    if (child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise((done) => child.once('exit', done))
    child.kill('SIGKILL')
    await exited
  }))
})

/** A node child that listens on 127.0.0.1 and prints its port; `title` renames it (comm) first. */
async function listenerChild(options: { title?: string; executable?: string } = {}): Promise<{ child: ChildProcess; port: number }> {
  const rename = options.title === undefined ? '' : `process.title = ${JSON.stringify(options.title)};`
  const child = spawn(options.executable ?? process.execPath, ['-e', `${rename} const s = require('net').createServer().listen(0, '127.0.0.1', () => console.log(s.address().port))`], { stdio: ['ignore', 'pipe', 'inherit'] })
  children.push(child)
  const port = Number(await new Promise<string>((done) => createInterface({ input: child.stdout }).once('line', done)))
  return { child, port }
}

function listenMany(count: number): Promise<Server[]> {
  return Promise.all(Array.from({ length: count }, () => new Promise<Server>((done, fail) => {
    const server = createServer()
    server.once('error', fail)
    server.listen({ host: '127.0.0.1', port: 0, backlog: 1 }, () => done(server))
  })))
}
const closeAll = (servers: readonly Server[]): Promise<void[]> => Promise.all(servers.map((s) => new Promise<void>((done) => s.close(() => done()))))
const portOf = (server: Server): number => (server.address() as { port: number }).port

describe.skipIf(!linux)('owners that come and go', () => {
  it('a pid that exits between the dump and the owner lookup leaves the socket ownerless, with no error', async () => {
    const { child, port } = await listenerChild()
    const socket = readProcNet('tcp', 4).find((s) => s.port === port && s.state === 'LISTEN')
    expect(socket).toBeDefined()
    // The dump saw the socket; its process exits before the owner lookup.
    const exited = new Promise((done) => child.once('exit', done))
    child.kill('SIGKILL')
    await exited
    const owners = new SocketOwners()
    expect(owners.resolve([socket!.inode]).has(socket!.inode)).toBe(false)
  })

  it('a cached owner that exits is dropped on the next lookup, not reported as a stale pid', async () => {
    const { child, port } = await listenerChild()
    const socket = readProcNet('tcp', 4).find((s) => s.port === port && s.state === 'LISTEN')!
    const owners = new SocketOwners()
    expect(owners.resolve([socket.inode]).get(socket.inode)?.pid).toBe(child.pid)
    const exited = new Promise((done) => child.once('exit', done))
    child.kill('SIGKILL')
    await exited
    expect(owners.resolve([socket.inode]).has(socket.inode)).toBe(false)
  })
})

describe.skipIf(!linux)('process names as they really are', () => {
  it.each([
    ['spaces', 'my server'],
    ['unicode', 'pörtølan ✓'],
    ['a newline', 'two\nlines'],
    ['parentheses', 'a) (b'],
  ])('a listener whose name has %s is shown under that name', async (_what, title) => {
    const { child, port } = await listenerChild({ title })
    const collector = selectCollector().collector
    try {
      const records = await collector.collect({ includeConnections: false, signal: new AbortController().signal })
      const found = records.find((r) => r.port === port && r.protocol === 'tcp')
      // The kernel keeps the first 15 bytes of a process name (comm).
      const comm = Buffer.from(title).subarray(0, 15).toString()
      expect(found).toMatchObject({ pid: child.pid, process: comm })
    } finally {
      await collector.close?.()
    }
  })

  it('a listener started through a symlink with spaces in its name carries that name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'portolan-name-'))
    try {
      const executable = join(dir, 'odd näme srv')
      symlinkSync(process.execPath, executable)
      const { child, port } = await listenerChild({ executable })
      const collector = selectCollector().collector
      try {
        const records = await collector.collect({ includeConnections: false, signal: new AbortController().signal })
        expect(records.find((r) => r.port === port)).toMatchObject({ pid: child.pid, process: Buffer.from('odd näme srv').subarray(0, 15).toString() })
      } finally {
        await collector.close?.()
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe.skipIf(!linux)('addresses', () => {
  it('an IPv6 dual-stack listener receiving an IPv4 connection shows an IPv4-mapped local address, loopback', async () => {
    const server = createServer()
    const accepted: Socket[] = []
    server.on('connection', (s) => accepted.push(s))
    await new Promise<void>((done) => server.listen({ host: '::', port: 0, ipv6Only: false }, done))
    const client = await new Promise<Socket>((done) => {
      const s = connect(portOf(server), '127.0.0.1', () => done(s))
    })
    const { collector } = selectCollector()
    try {
      const records = await collector.collect({ includeConnections: true, signal: new AbortController().signal })
      const rows = toRows(records, { registry, privileged: true })
      const inbound = rows.find((r) => r.port === portOf(server) && r.remotePort === client.localPort)
      expect(inbound).toMatchObject({ family: 6, address: '::ffff:127.0.0.1', remoteAddress: '::ffff:127.0.0.1', exposure: 'loopback', pid: process.pid })
      const listener = rows.find((r) => r.port === portOf(server) && r.state === 'LISTEN')
      expect(listener).toMatchObject({ family: 6, address: '::', exposure: 'all' })
    } finally {
      await collector.close?.()
      client.destroy()
      for (const s of accepted) s.destroy()
      await closeAll([server])
    }
  })

  it.each([
    ['fe80::1%eth0', 'fe80::1%eth0', 6, 'specific'],
    ['[FE80::1%eth0]', 'fe80::1%eth0', 6, 'specific'],
    ['::ffff:127.0.0.1', '::ffff:127.0.0.1', 6, 'loopback'],
    ['::ffff:0.0.0.0', '::ffff:0.0.0.0', 6, 'all'],
    ['::1%lo', '::1%lo', 6, 'loopback'],
    ['*', '0.0.0.0', 4, 'all'],
  ] as const)('%s (scoped and IPv4-mapped text as collectors print it)', (raw, address, family, exposure) => {
    expect(normalizeAddress(raw)).toBe(address)
    expect(familyOf(address)).toBe(family)
    expect(exposureOf(address)).toBe(exposure)
  })

  it('ss strips the zone id of a scoped address', () => {
    expect(normalizeSsAddress('[fe80::1%eth0]')).toBe('fe80::1')
    expect(normalizeSsAddress('127.0.0.53%lo')).toBe('127.0.0.53')
  })

  it.each([[0, 'system'], [65535, 'dynamic']] as const)('port %i is read and classified', (port, range) => {
    const record = fromSystemInformation({ protocol: 'tcp', localAddress: '0.0.0.0', localPort: String(port), peerAddress: '', peerPort: '', state: 'LISTEN', pid: 1, process: 'x' })
    expect(record?.port).toBe(port)
    expect(toRows([record!], { registry, privileged: true })[0]).toMatchObject({ port, range })
  })
})

describe.skipIf(!asRoot)('another user\'s sockets', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'portolan-nobody-data-'))
  let server: Server
  beforeAll(async () => {
    chmodSync(dataDir, 0o777)
    const [opened] = await listenMany(1)
    assert(opened, 'listenMany(1) opened nothing')
    server = opened
  })
  afterAll(async () => {
    await closeAll([server])
    rmSync(dataDir, { recursive: true, force: true })
  })

  const cliAsNobody = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...args], {
    cwd: ROOT_DIR, uid: NOBODY, gid: NOBODY, encoding: 'utf8', env: { PATH: process.env.PATH, PORTOLAN_DATA_DIR: dataDir },
  })

  it('root sees the owner of a listener run as nobody', async () => {
    const child = spawn(process.execPath, ['-e', "const s = require('net').createServer().listen(0, '127.0.0.1', () => console.log(s.address().port))"], { cwd: '/', uid: NOBODY, gid: NOBODY, stdio: ['ignore', 'pipe', 'inherit'] })
    children.push(child)
    const port = Number(await new Promise<string>((done) => createInterface({ input: child.stdout }).once('line', done)))
    const poller = new Poller({ collector: selectCollector().collector, registry, privileged: true })
    try {
      await poller.pollNow()
      expect(poller.rows().find((r) => r.port === port)).toMatchObject({ pid: child.pid, uid: NOBODY, ownerHidden: false })
    } finally {
      await poller.close()
    }
  })

  it.skipIf(nobodyMissing !== null)(`unprivileged, a root-owned listener is listed with its owner hidden, and the CLI says how to see it${nobodyMissing ? ` [skipped: ${nobodyMissing}]` : ''}`, () => {
    const port = portOf(server)
    const json = cliAsNobody('list', '--json')
    expect(json.status, json.stderr).toBe(0)
    const row = (JSON.parse(json.stdout) as Row[]).find((r) => r.port === port)
    expect(row).toMatchObject({ pid: null, process: null, uid: 0, ownerHidden: true })

    const table = cliAsNobody('list')
    expect(table.status, table.stderr).toBe(0)
    expect(table.stdout.split('\n').find((line) => new RegExp(`^tcp +127\\.0\\.0\\.1 +${port} `).test(line))).toContain(HIDDEN_OWNER_TEXT)
    expect(table.stderr).toMatch(/socket\(s\) belong to other users; their owners are hidden without root \(sudo portolan list shows them\)/)

    const story = cliAsNobody('story', `${port}/tcp`)
    expect(story.status, story.stderr).toBe(0)
    expect(story.stdout.replace(/\s+/g, ' ')).toMatch(/an owner hidden from this user \(another user's socket; run as root to see it\)/)
  })
})

describe.skipIf(!linux)('thousands of sockets appearing and vanishing between two polls', () => {
  it('the delta removes every closed listener and adds every new one', async () => {
    const poller = new Poller({ collector: selectCollector().collector, registry, privileged: true })
    const deltas: Delta[] = []
    poller.onDelta((d) => deltas.push(d))
    let first: Server[] = []
    let second: Server[] = []
    try {
      first = await listenMany(2000)
      await poller.pollNow()
      const ids = new Map(poller.rows().filter((r) => r.pid === process.pid && r.state === 'LISTEN').map((r) => [r.port, r.id]))
      const firstPorts = first.map(portOf)
      expect(firstPorts.every((p) => ids.has(p))).toBe(true)
      await closeAll(first)
      first = []
      second = await listenMany(2000)
      deltas.length = 0
      await poller.pollNow()
      expect(deltas).toHaveLength(1)
      const [delta] = deltas
      assert(delta)
      const secondPorts = new Set(second.map(portOf))
      const reused = firstPorts.filter((p) => secondPorts.has(p)) // the kernel may hand a freed port out again
      const removed = new Set(delta.removed)
      for (const p of firstPorts) if (!secondPorts.has(p)) expect(removed.has(ids.get(p)!)).toBe(true)
      const added = new Set(delta.added.filter((r) => r.pid === process.pid && r.state === 'LISTEN').map((r) => r.port))
      for (const p of secondPorts) if (!reused.includes(p)) expect(added.has(p)).toBe(true)
      const listed = new Set(poller.rows().filter((r) => r.pid === process.pid && r.state === 'LISTEN').map((r) => r.port))
      expect([...secondPorts].every((p) => listed.has(p))).toBe(true)
      expect(firstPorts.filter((p) => !secondPorts.has(p)).some((p) => listed.has(p))).toBe(false)
    } finally {
      await closeAll([...first, ...second])
      await poller.close()
    }
  })
})
