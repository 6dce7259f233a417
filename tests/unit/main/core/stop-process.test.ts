import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterAll, afterEach, assert, beforeAll, describe, expect, it } from 'vitest'
import { composeApp } from '../../../../src/main/core/compose'
import { ProcessProbe } from '../../../../src/main/core/process-control'
import { ProcessStopper } from '../../../../src/main/core/stop-process'
import type { SocketRecord } from '../../../../src/main/monitor/collector'
import { Poller } from '../../../../src/main/monitor/poller'
import { NO_PORT_INFO } from '../../../../src/main/registry/lookup'
import type { Row } from '../../../../src/shared/row'
import { childPids, listenTcp } from '../../../helpers/sockets'
import { anyNumber, arrayContaining, objectContaining, stringContaining } from '../../../helpers/matchers'

/** A Node child listening on 127.0.0.1, printing {pid, port} once it listens. */
const LISTENER = `
const server = require('net').createServer()
server.listen(Number(process.argv[1] || 0), '127.0.0.1', () => console.log(JSON.stringify({ pid: process.pid, port: server.address().port })))
`
const IGNORES_SIGTERM = `process.on('SIGTERM', () => {})\n${LISTENER}`

/**
 * A supervisor that hands a fixed port over to a fresh worker when its worker is told to stop: the
 * old worker stops listening, the new one listens on the same port, and only then does the old one
 * exit. It prints {pid, port} for every worker that listens.
 */
const WORKER = `
const server = require('net').createServer()
server.listen(Number(process.argv[1]), '127.0.0.1', () => process.send({ listening: server.address().port }))
process.on('SIGTERM', () => server.close(() => process.send({ closed: true })))
process.on('message', (m) => { if (m === 'exit') process.exit(0) })
process.on('disconnect', () => process.exit(0))
`
const SUPERVISOR = `
const { spawn } = require('child_process')
let port = 0
let retiring = null
function startWorker() {
  const worker = spawn(process.execPath, ['-e', ${JSON.stringify(WORKER)}, String(port)], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] })
  worker.on('message', (m) => {
    if (m.listening !== undefined) {
      port = m.listening
      console.log(JSON.stringify({ pid: worker.pid, port }))
      if (retiring) retiring.send('exit')
      retiring = null
    }
    if (m.closed) { retiring = worker; startWorker() }
  })
}
startWorker()
`

interface Started {
  pid: number
  port: number
}

interface NodeChild {
  child: ChildProcess
  /** The next {pid, port} line the child prints. */
  next(): Promise<Started>
}

const children: ChildProcess[] = []

function spawnNode(script: string, ...args: string[]): NodeChild {
  const child = spawn(process.execPath, ['-e', script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] })
  children.push(child)
  const waiting: ((line: Started) => void)[] = []
  const queued: Started[] = []
  createInterface({ input: child.stdout }).on('line', (line) => {
    const started = JSON.parse(line) as Started
    const resolve = waiting.shift()
    if (resolve) resolve(started)
    else queued.push(started)
  })
  return {
    child,
    next: () => new Promise((resolve, reject) => {
      const line = queued.shift()
      if (line) return resolve(line)
      waiting.push(resolve)
      child.once('exit', (code, signal) => reject(new Error(`child exited (${code ?? signal}) before printing`)))
    }),
  }
}

function descendants(pid: number): number[] {
  return childPids(pid).flatMap((child) => [child, ...descendants(child)])
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.startsWith('Z')
  } catch {
    return false
  }
}

afterEach(async () => {
  for (const child of children.splice(0)) {
    for (const pid of descendants(child.pid!)) {
      try {
        process.kill(pid, 'SIGKILL')
      } catch {
        // already gone
      }
    }
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGKILL')
      await exited
    }
  }
})

const rowOf = (rows: readonly Row[], pid: number, port: number): Row | undefined =>
  rows.find((r) => r.pid === pid && r.port === port && r.protocol === 'tcp' && r.address === '127.0.0.1')

describe.skipIf(process.platform !== 'linux')('stopping the process that holds a port, on real processes', () => {
  const core = composeApp({ containers: null })

  beforeAll(() => core.monitor.pollNow())
  afterAll(() => core.close())

  /** The monitor's row for a child's listener, after a fresh collection. */
  async function listedRow(started: Started): Promise<Row> {
    await core.monitor.pollNow()
    const row = rowOf(core.monitor.rows(), started.pid, started.port)
    if (!row) throw new Error(`pid ${started.pid} on ${started.port} is not listed`)
    return row
  }

  it('describes the target from the row id alone, then stops it and sees the port freed', async () => {
    const node = spawnNode(LISTENER)
    const started = await node.next()
    const row = await listedRow(started)

    const answer = core.stopper.describe(row.id)
    expect(answer).toEqual({
      ok: true,
      target: {
        rowId: row.id,
        pid: started.pid,
        name: 'node',
        executable: realpathSync(process.execPath),
        commandLine: [process.execPath, '-e', LISTENER],
        user: userInfo().username,
        startTime: anyNumber(),
        ports: [{ protocol: 'tcp', address: '127.0.0.1', port: started.port }],
        provenance: objectContaining({ chain: arrayContaining([{ pid: started.pid, name: 'node' }]) }),
      },
    })

    const exited = new Promise((resolve) => node.child.once('exit', (_code, signal) => resolve(signal)))
    const outcome = await core.stopper.stop(row.id, { force: false })
    expect(outcome, outcome.message).toMatchObject({ result: 'freed', pid: started.pid, signal: 'SIGTERM', takenBy: [], canForce: false })
    expect(outcome.message).toBe(`Stopped node (pid ${started.pid}); port ${started.port}/tcp is free.`)
    expect(await exited).toBe('SIGTERM')
    expect(core.monitor.rows().some((r) => r.port === started.port && r.address === '127.0.0.1')).toBe(false)
  })

  it('says a process that ignores SIGTERM is still running, and frees the port when forced', async () => {
    const node = spawnNode(IGNORES_SIGTERM)
    const started = await node.next()
    const row = await listedRow(started)
    expect(core.stopper.describe(row.id).ok).toBe(true)

    const polite = await core.stopper.stop(row.id, { force: false })
    expect(polite).toMatchObject({ result: 'still-running', pid: started.pid, signal: 'SIGTERM', canForce: true })
    expect(isAlive(started.pid)).toBe(true)

    const forced = await core.stopper.stop(row.id, { force: true })
    expect(forced).toMatchObject({ result: 'freed', signal: 'SIGKILL', canForce: false })
    expect(isAlive(started.pid)).toBe(false)
    expect(core.monitor.rows().some((r) => r.port === started.port && r.address === '127.0.0.1')).toBe(false)
  })

  it('names the new holder when a supervisor restarts the service on the same port', async () => {
    const supervisor = spawnNode(SUPERVISOR)
    const first = await supervisor.next()
    const row = await listedRow(first)
    expect(core.stopper.describe(row.id).ok).toBe(true)

    const outcome = await core.stopper.stop(row.id, { force: false })
    const second = await supervisor.next()
    expect(second.port).toBe(first.port)
    expect(second.pid).not.toBe(first.pid)
    expect(outcome).toMatchObject({
      result: 'port-taken-again',
      pid: first.pid,
      signal: 'SIGTERM',
      takenBy: [{ protocol: 'tcp', address: '127.0.0.1', port: first.port, pid: second.pid, process: 'node' }],
    })
    expect(outcome.message).toContain(`taken again by node (pid ${second.pid})`)
    expect(isAlive(first.pid)).toBe(false)
  })

  it('reports a process that exited before the stop as gone, never as stopped', async () => {
    const node = spawnNode(LISTENER)
    const started = await node.next()
    const row = await listedRow(started)
    expect(core.stopper.describe(row.id).ok).toBe(true)
    const exited = new Promise((resolve) => node.child.once('exit', resolve))
    node.child.kill('SIGKILL')
    await exited

    const outcome = await core.stopper.stop(row.id, { force: false })
    expect(outcome).toMatchObject({ result: 'gone-already', signal: null })
    expect(outcome.message).toBe(`node (pid ${started.pid}) had already exited; port ${started.port}/tcp is free.`)
  })

  it('refuses Portolan itself, an unlisted row id, and a stop nobody confirmed', async () => {
    const own = await listenTcp('127.0.0.1')
    try {
      const ownRow = await listedRow({ pid: process.pid, port: own.port })
      expect(core.stopper.describe(ownRow.id)).toEqual({ ok: false, message: stringContaining('that is Portolan itself') })
      expect(await core.stopper.stop(ownRow.id, { force: true })).toMatchObject({ result: 'refused', signal: null })
    } finally {
      await own.close()
    }

    expect(core.stopper.describe('tcp|127.0.0.1|1|4242')).toEqual({ ok: false, message: 'That socket is no longer listed; nothing was stopped.' })
    expect(await core.stopper.stop('tcp|127.0.0.1|1|4242', { force: false })).toMatchObject({ result: 'refused', pid: null, signal: null })

    const node = spawnNode(LISTENER)
    const started = await node.next()
    const row = await listedRow(started)
    const outcome = await core.stopper.stop(row.id, { force: true })
    expect(outcome).toMatchObject({ result: 'refused', signal: null })
    expect(outcome.message).toContain('was not confirmed')
    expect(isAlive(started.pid)).toBe(true)
  })
})

describe.skipIf(process.platform !== 'linux')('stop guards', () => {
  const record = (port: number, pid: number | null, process: string | null): SocketRecord => ({
    protocol: 'tcp', family: 4, address: '127.0.0.1', port, state: 'LISTEN', remoteAddress: null, remotePort: null, pid, process, uid: 0,
  })
  const pollers: Poller[] = []
  afterAll(() => Promise.all(pollers.map((p) => p.close())))

  /** A monitor whose collector reports the given sockets, as an unprivileged user would see them. */
  async function monitorOf(records: SocketRecord[]): Promise<Poller> {
    const poller = new Poller({ collector: { name: 'fixed', collect: () => Promise.resolve(records) }, registry: { lookup: () => NO_PORT_INFO }, privileged: false })
    pollers.push(poller)
    await poller.pollNow()
    return poller
  }

  it('refuses pid 1 and the process that started Portolan, and explains a hidden owner', async () => {
    const monitor = await monitorOf([record(111, 1, 'systemd'), record(222, process.ppid, 'vitest'), record(5432, null, null)])
    const stopper = new ProcessStopper(monitor)
    const idOf = (port: number) => monitor.rows().find((r) => r.port === port)!.id
    expect(stopper.describe(idOf(111))).toEqual({ ok: false, message: "Refusing to stop systemd (pid 1): it is the system's init process." })
    expect(await stopper.stop(idOf(111), { force: true })).toMatchObject({ result: 'refused', pid: null, signal: null })
    expect(stopper.describe(idOf(222))).toEqual({ ok: false, message: `Refusing to stop vitest (pid ${process.ppid}): it started Portolan.` })
    expect(stopper.describe(idOf(5432))).toEqual({
      ok: false,
      message: 'The process holding port 5432/tcp belongs to another user and is hidden ("Show all owners" names it); stopping it needs that user or root.',
    })
    expect(await stopper.stop(idOf(5432), { force: false })).toMatchObject({ result: 'refused', signal: null })
  })

  it('refuses to signal when the confirmed pid now names a process with another start time', async () => {
    const node = spawnNode(LISTENER)
    const started = await node.next()
    const monitor = await monitorOf([record(started.port, started.pid, 'node')])
    // A /proc stand-in for this one pid, so the test can "reuse" the pid by changing its start time.
    const procRoot = mkdtempSync(join(tmpdir(), 'portolan-proc-'))
    try {
      const statFile = join(procRoot, String(started.pid), 'stat')
      mkdirSync(join(procRoot, String(started.pid)))
      const realStat = readFileSync(`/proc/${started.pid}/stat`, 'utf8')
      writeFileSync(statFile, realStat)
      const stopper = new ProcessStopper(monitor, { probe: new ProcessProbe(procRoot) })
      const rowId = monitor.rows()[0]?.id
      assert(rowId !== undefined, 'the monitor listed no row')
      expect(stopper.describe(rowId).ok).toBe(true)

      const nameEnd = realStat.lastIndexOf(')') + 2
      const fields = realStat.slice(nameEnd).split(' ')
      fields[19] = String(Number(fields[19]) + 100) // field 22, the start time in clock ticks
      writeFileSync(statFile, realStat.slice(0, nameEnd) + fields.join(' '))

      const outcome = await stopper.stop(rowId, { force: true })
      expect(outcome).toMatchObject({ result: 'refused', signal: null })
      expect(outcome.message).toBe(`pid ${started.pid} is no longer the node you confirmed (the pid was reused); nothing was signalled.`)
      expect(isAlive(started.pid)).toBe(true)
    } finally {
      rmSync(procRoot, { recursive: true, force: true })
    }
  })
})
