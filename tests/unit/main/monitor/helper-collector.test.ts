import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { UNCHANGED, type CollectOptions, type Collector } from '../../../../src/main/monitor/collector'
import { HelperCollector } from '../../../../src/main/monitor/helper-collector'
import { HelperSwitch } from '../../../../src/main/monitor/helper-switch'
import { Poller } from '../../../../src/main/monitor/poller'
import { FAILURES_BEFORE_FALLBACK, selectCollector } from '../../../../src/main/monitor/select-collector'
import { listenTcp, type OpenSocket } from '../../../helpers/sockets'

const ROOT_DIR = resolve(__dirname, '../../../..')
const linux = process.platform === 'linux'
const asRoot = linux && process.getuid?.() === 0
const registry = { lookup: () => ({ service: null, description: null }) }
const options = (): CollectOptions & { lastKept?: false } => ({ includeConnections: false, signal: new AbortController().signal })

const children: ChildProcess[] = []
afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode !== null || child.signalCode !== null) continue
    const exited = new Promise((done) => child.once('exit', done))
    child.kill('SIGKILL')
    await exited
  }
})

function exitOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode)
  return new Promise((done) => child.once('exit', (code) => done(code)))
}

// A stand-in helper process: `body` runs with send(), hello, record(port) and onRequest(request) in scope.
const PREAMBLE = `
const send = (o) => process.stdout.write((typeof o === 'string' ? o : JSON.stringify(o)) + '\\n')
const hello = { v: 1, kind: 'hello', collector: 'fake', privileged: true, pid: process.pid }
const record = (port) => ({ protocol: 'tcp', family: 4, address: '127.0.0.1', port, state: 'LISTEN', remoteAddress: null, remotePort: null, pid: 4242, process: 'fake', uid: 0 })
let onRequest = () => {}
require('readline').createInterface({ input: process.stdin }).on('line', (line) => onRequest(JSON.parse(line))).on('close', () => process.exit(0))
process.stdout.on('error', () => process.exit(0))
`

function fakeHelper(body: string, maxLineChars?: number): { child: ChildProcess; helper: HelperCollector } {
  const child = spawn(process.execPath, ['-e', PREAMBLE + body], { stdio: ['pipe', 'pipe', 'inherit'] })
  children.push(child)
  const helper = new HelperCollector({ input: child.stdout, output: child.stdin, token: null, maxLineChars })
  return { child, helper }
}

describe('HelperCollector over a stand-in helper', () => {
  it('hands over checked records; the helper\'s "unchanged" is UNCHANGED to a caller that kept them, else the same records', async () => {
    const { helper } = fakeHelper(`send(hello); let n = 0
      onRequest = (r) => send(++n === 1 ? { v: 1, kind: 'records', id: r.id, records: [{ ...record(8080), extra: 'dropped' }] } : { v: 1, kind: 'unchanged', id: r.id })`)
    await expect(helper.ready).resolves.toMatchObject({ collector: 'fake', privileged: true })
    expect(helper.name).toBe('fake via elevated helper')
    expect(helper.privileged).toBe(true)
    const first = await helper.collect(options())
    expect(first).toEqual([{ protocol: 'tcp', family: 4, address: '127.0.0.1', port: 8080, state: 'LISTEN', remoteAddress: null, remotePort: null, pid: 4242, process: 'fake', uid: 0 }])
    expect(await helper.collect(options())).toBe(first)
    expect(await helper.collect({ ...options(), lastKept: true })).toBe(UNCHANGED)
    helper.close()
  })

  it('a collection error is one failed collection, not the end of the helper', async () => {
    const { helper } = fakeHelper(`send(hello); let n = 0
      onRequest = (r) => send(++n === 1 ? { v: 1, kind: 'error', id: r.id, message: 'netlink said EBUSY' } : { v: 1, kind: 'records', id: r.id, records: [record(1)] })`)
    await expect(helper.collect(options())).rejects.toThrow('the elevated helper could not collect: netlink said EBUSY')
    expect(helper.failure).toBeNull()
    await expect(helper.collect(options())).resolves.toHaveLength(1)
    helper.close()
  })

  it.each([
    ['a line that is not JSON', `onRequest = () => send('Password: garbage')`, /the elevated helper sent a reply is not JSON \(starts "Password: garbage"\); it was stopped/],
    ['another protocol version', `onRequest = (r) => send({ v: 2, kind: 'records', id: r.id, records: [] })`, /speaks protocol version 2, this Portolan speaks 1/],
    ['a malformed socket', `onRequest = (r) => send({ v: 1, kind: 'records', id: r.id, records: [record(70000)] })`, /malformed socket \(#1\): port 70000 is not 0-65535/],
    ['an unknown message', `onRequest = (r) => send({ v: 1, kind: 'shell', id: r.id, command: 'rm -rf /' })`, /a reply is malformed: kind: /],
    ['a reply to a request never sent', `onRequest = (r) => send({ v: 1, kind: 'records', id: r.id + 5, records: [] })`, /a reply to request 6, which was never sent/],
    ['"unchanged" before any records', `onRequest = (r) => send({ v: 1, kind: 'unchanged', id: r.id })`, /"unchanged" before any records/],
  ])('gives the helper up on %s, and it exits with its stdin closed', async (_what, body, message) => {
    const { child, helper } = fakeHelper(`send(hello); ${body}`)
    await expect(helper.collect(options())).rejects.toThrow(message)
    expect(helper.failure?.message).toMatch(message)
    await expect(helper.collect(options())).rejects.toThrow(message)
    await expect(exitOf(child)).resolves.toBe(0)
  })

  it('refuses a greeting that is not one', async () => {
    const { helper } = fakeHelper(`send({ v: 1, kind: 'records', id: 1, records: [] })`)
    await expect(helper.ready).rejects.toThrow(/its greeting is malformed: kind: /)
    await expect(helper.collect(options())).rejects.toThrow(/its greeting is malformed/)
  })

  it('refuses a greeting without the expected token', async () => {
    const child = spawn(process.execPath, ['-e', `${PREAMBLE} send({ ...hello, token: 'ab'.repeat(32) })`], { stdio: ['pipe', 'pipe', 'inherit'] })
    children.push(child)
    const helper = new HelperCollector({ input: child.stdout, output: child.stdin, token: 'cd'.repeat(32) })
    await expect(helper.ready).rejects.toThrow(/a greeting without the right token/)
  })

  it('bounds a line: an over-long one ends the helper before it is read whole', async () => {
    const { helper } = fakeHelper(`send(hello); onRequest = () => process.stdout.write('x'.repeat(5000))`, 1000)
    await expect(helper.collect(options())).rejects.toThrow('the elevated helper sent a line longer than 1,000 characters; it was stopped')
  })

  it('a helper that exits fails the collection waiting on it, and every later one', async () => {
    const { child, helper } = fakeHelper(`send(hello); onRequest = () => process.exit(3)`)
    await expect(helper.collect(options())).rejects.toThrow('the elevated helper stopped')
    await expect(exitOf(child)).resolves.toBe(3)
    await expect(helper.collect(options())).rejects.toThrow('the elevated helper stopped')
  })

  it('an abandoned collection rejects at once; its late reply still counts for "unchanged"', async () => {
    // The stand-in answers the first request only when the second arrives: late, then "unchanged".
    const { helper } = fakeHelper(`send(hello); let first = null
      onRequest = (r) => { if (!first) first = r; else { send({ v: 1, kind: 'records', id: first.id, records: [record(9)] }); send({ v: 1, kind: 'unchanged', id: r.id }) } }`)
    await helper.ready
    const controller = new AbortController()
    const first = helper.collect({ includeConnections: false, signal: controller.signal })
    controller.abort()
    await expect(first).rejects.toThrow('the collection was abandoned')
    await expect(helper.collect(options())).resolves.toMatchObject([{ port: 9 }])
    helper.close()
  })
})

describe('falling back when the helper goes away', () => {
  let server: OpenSocket
  beforeAll(async () => {
    server = await listenTcp('127.0.0.1')
  })
  afterAll(() => server.close())

  it('the poller shows the helper\'s rows, then the app\'s own collector\'s with a note saying why', async () => {
    const { helper } = fakeHelper(`send(hello); onRequest = (r) => { send({ v: 1, kind: 'records', id: r.id, records: [record(4242)] }); process.exit(0) }`)
    await helper.ready
    const own: Collector = selectCollector().collector
    const collectors = new HelperSwitch(own)
    collectors.use(helper)
    const poller = new Poller({ collector: collectors, registry, privileged: false })
    try {
      await poller.pollNow()
      expect(poller.status).toMatchObject({ collector: 'fake via elevated helper', privileged: true, error: null })
      expect(poller.rows()).toMatchObject([{ port: 4242, pid: 4242, ownerHidden: false }])
      await poller.pollNow()
      expect(poller.status).toMatchObject({ collector: own.name, privileged: false, error: null })
      expect(poller.status.collectorNote).toMatch(/^Stopped showing all owners: the elevated helper stopped\. Back to \S+, which sees only this user's owners\.$/)
      expect(poller.rows().find((r) => r.port === server.port)).toMatchObject({ pid: process.pid })
      expect(poller.rows().some((r) => r.port === 4242 && r.pid === 4242)).toBe(false)
    } finally {
      await poller.close()
    }
  })

  it('a helper that keeps failing its collections is given up after FAILURES_BEFORE_FALLBACK in a row', async () => {
    const { child, helper } = fakeHelper(`send(hello); onRequest = (r) => send({ v: 1, kind: 'error', id: r.id, message: 'netlink said EBUSY' })`)
    await helper.ready
    const collectors = new HelperSwitch(selectCollector().collector)
    collectors.use(helper)
    const poller = new Poller({ collector: collectors, registry, privileged: false })
    try {
      for (let i = 1; i < FAILURES_BEFORE_FALLBACK; i++) {
        await poller.pollNow()
        expect(poller.status).toMatchObject({ state: 'stale', consecutiveFailures: i, privileged: true })
        expect(poller.status.error).toMatch(/the elevated helper could not collect: netlink said EBUSY$/)
      }
      await poller.pollNow()
      expect(poller.status).toMatchObject({ error: null, privileged: false })
      expect(poller.status.collectorNote).toMatch(/^Stopped showing all owners: the elevated helper could not collect: netlink said EBUSY\. Back to /)
      expect(poller.rows().find((r) => r.port === server.port)).toMatchObject({ pid: process.pid })
      await expect(exitOf(child)).resolves.toBe(0)
    } finally {
      await poller.close()
    }
  })
})

describe.skipIf(!asRoot)('the real `portolan helper` on stdio, as root', () => {
  let server: OpenSocket
  const dataDir = join(mkdtempSync(join(tmpdir(), 'portolan-helper-data-')), 'never-created')
  beforeAll(async () => {
    server = await listenTcp('127.0.0.1')
  })
  afterAll(async () => {
    await server.close()
    rmSync(resolve(dataDir, '..'), { recursive: true, force: true })
  })

  function realHelper(): { child: ChildProcess; helper: HelperCollector } {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', 'helper'], {
      cwd: ROOT_DIR, stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, PORTOLAN_DATA_DIR: dataDir },
    })
    children.push(child)
    return { child, helper: new HelperCollector({ input: child.stdout, output: child.stdin, token: null }) }
  }

  it('reports this process\'s listener with its pid, never opens the data directory, and exits when its stdin closes', async () => {
    const { child, helper } = realHelper()
    await expect(helper.ready).resolves.toMatchObject({ privileged: true, pid: child.pid })
    const records = await helper.collect(options())
    expect(records.find((r) => r.port === server.port)).toMatchObject({ protocol: 'tcp', address: '127.0.0.1', pid: process.pid, uid: 0 })
    helper.close()
    await expect(exitOf(child)).resolves.toBe(0)
    expect(existsSync(dataDir)).toBe(false)
  })

  it('exits on SIGTERM', async () => {
    const { child, helper } = realHelper()
    await helper.ready
    child.kill('SIGTERM')
    await expect(exitOf(child)).resolves.toBe(0)
    await expect(helper.collect(options())).rejects.toThrow('the elevated helper stopped')
  })

  it('refuses a request that is not one, with a one-line error and exit code 2', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', 'helper'], { cwd: ROOT_DIR, stdio: ['pipe', 'pipe', 'pipe'] })
    children.push(child)
    let stderr = ''
    child.stderr.on('data', (text: Buffer) => (stderr += text.toString()))
    child.stdin.end('{"v":1,"kind":"poll","id":1,"all":"yes"}\n')
    await expect(exitOf(child)).resolves.toBe(2)
    expect(stderr.trim()).toMatch(/^portolan: the request is malformed: all: /)
    expect(stderr.trim().split('\n')).toHaveLength(1)
  })
})
