import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { afterEach, describe, expect, it } from 'vitest'
import { composeApp } from '../../../../src/main/core/compose'
import { ProcessStopper } from '../../../../src/main/core/stop-process'
import type { SocketRecord } from '../../../../src/main/monitor/collector'
import { Poller } from '../../../../src/main/monitor/poller'
import { readStartTicks } from '../../../../src/main/monitor/linux/process-details'
import { NO_PORT_INFO } from '../../../../src/main/registry/lookup'
import type { Row } from '../../../../src/shared/row'

/**
 * Listens on 127.0.0.1 and prints {pid, port}. A line on stdin makes it hand the listening socket to a
 * new child (inherited as fd 3) and close its own copy, then print {pid, child}: the child alone holds it.
 * "share" only starts the child (both hold the socket); "close" then closes the parent's copy.
 */
const HANDS_OFF = `
const { spawn } = require('child_process')
const server = require('net').createServer()
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ pid: process.pid, port: server.address().port })))
let child = null
require('readline').createInterface({ input: process.stdin }).on('line', (command) => {
  if (command === 'close') return server.close(() => console.log(JSON.stringify({ pid: process.pid, child: child.pid })))
  child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1e6)'], { stdio: ['ignore', 'ignore', 'inherit', server._handle.fd] })
  child.on('spawn', () => {
    if (command === 'share') console.log(JSON.stringify({ pid: process.pid, child: child.pid }))
    else server.close(() => console.log(JSON.stringify({ pid: process.pid, child: child.pid })))
  })
})
setInterval(() => {}, 1e6)
`
const LISTENER = `
const server = require('net').createServer()
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ pid: process.pid, port: server.address().port })))
`

interface Line {
  pid: number
  port?: number
  child?: number
}

const spawned: number[] = []
const children: ChildProcess[] = []

function spawnNode(script: string): { child: ChildProcess; next(): Promise<Line> } {
  const child = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'inherit'] })
  children.push(child)
  const queued: Line[] = []
  const waiting: ((line: Line) => void)[] = []
  createInterface({ input: child.stdout }).on('line', (text) => {
    const line = JSON.parse(text) as Line
    if (line.child) spawned.push(line.child)
    const resolve = waiting.shift()
    if (resolve) resolve(line)
    else queued.push(line)
  })
  return {
    child,
    next: () => new Promise((resolve) => {
      const line = queued.shift()
      if (line) resolve(line)
      else waiting.push(resolve)
    }),
  }
}

function isAlive(pid: number): boolean {
  try {
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.startsWith('Z')
  } catch {
    return false
  }
}

function kill(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL')
  } catch {
    // already gone
  }
}

afterEach(async () => {
  for (const pid of spawned.splice(0)) kill(pid)
  for (const child of children.splice(0)) {
    if (child.exitCode !== null || child.signalCode !== null) continue
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGKILL')
    await exited
  }
})

/** The inode of the TCP listener on 127.0.0.1:port, from /proc/net/tcp. */
function listenerInode(port: number): number {
  const local = `0100007F:${port.toString(16).toUpperCase().padStart(4, '0')}`
  for (const line of readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/)
    if (fields[1] === local && fields[3] === '0A') return Number(fields[9])
  }
  throw new Error(`no listener on 127.0.0.1:${port}`)
}

const row = (rows: readonly Row[], port: number): Row | undefined => rows.find((r) => r.port === port && r.protocol === 'tcp' && r.address === '127.0.0.1')

/** A monitor that lists what `records()` says, as a paused or stale monitor would. */
async function monitorOf(records: () => SocketRecord[]): Promise<Poller> {
  const poller = new Poller({ collector: { name: 'fixed', collect: () => Promise.resolve(records()) }, registry: { lookup: () => NO_PORT_INFO }, privileged: true })
  await poller.pollNow()
  return poller
}

function recordOf(pid: number, port: number): SocketRecord {
  return {
    protocol: 'tcp', family: 4, address: '127.0.0.1', port, state: 'LISTEN', remoteAddress: null, remotePort: null,
    pid, process: 'node', uid: process.getuid?.() ?? null, inode: listenerInode(port), ownerStartTicks: readStartTicks('/proc', pid) ?? undefined,
  }
}

describe.skipIf(process.platform !== 'linux')('a socket handed from a parent to its child', () => {
  it('the monitor names the child once the parent closed its copy (no stale "unchanged" owner)', async () => {
    const core = composeApp({ containers: null })
    try {
      const parent = spawnNode(HANDS_OFF)
      const { pid, port } = await parent.next()
      await core.monitor.pollNow()
      expect(row(core.monitor.rows(), port!)).toMatchObject({ pid, socketInode: listenerInode(port!), ownerStartTicks: readStartTicks('/proc', pid) })
      await core.monitor.pollNow() // the steady state the fast path serves
      parent.child.stdin!.write('hand off\n')
      const { child } = await parent.next()
      await core.monitor.pollNow()
      expect(row(core.monitor.rows(), port!)).toMatchObject({ pid: child, ownerStartTicks: readStartTicks('/proc', child!) })
    } finally {
      await core.close()
    }
  })

  it('the monitor names the child when the parent closes its copy long after the fork', async () => {
    const core = composeApp({ containers: null })
    try {
      const parent = spawnNode(HANDS_OFF)
      const { pid, port } = await parent.next()
      await core.monitor.pollNow()
      parent.child.stdin!.write('share\n')
      const { child } = await parent.next()
      await core.monitor.pollNow()
      await core.monitor.pollNow()
      expect(row(core.monitor.rows(), port!)?.pid).toBe(pid) // both hold it: the lower pid, as ss lists it
      parent.child.stdin!.write('close\n')
      await parent.next()
      // Shared sockets are re-checked a bounded number per poll: a few polls at most, never a stale owner for good.
      await expect.poll(async () => {
        await core.monitor.pollNow()
        return row(core.monitor.rows(), port!)?.pid
      }, { timeout: 60_000, interval: 50 }).toBe(child)
    } finally {
      await core.close()
    }
  })

  it('stop, given a row that still names the parent, targets the child and leaves the parent running', async () => {
    const parent = spawnNode(HANDS_OFF)
    const { pid, port } = await parent.next()
    const stale = recordOf(pid, port!)
    parent.child.stdin!.write('hand off\n')
    const { child } = await parent.next()
    // The monitor still lists the parent, for as long as the port is held.
    const monitor = await monitorOf(() => (isAlive(child!) ? [stale] : []))
    try {
      const stopper = new ProcessStopper(monitor)
      const rowId = row(monitor.rows(), port!)!.id
      const answer = stopper.describe(rowId)
      expect(answer).toMatchObject({ ok: true, target: { pid: child, name: 'node', ports: [{ protocol: 'tcp', address: '127.0.0.1', port }] } })
      expect(answer.ok && answer.target.note).toBe(`The monitor listed node (pid ${pid}), but node (pid ${child}), its child, holds port ${port}/tcp now: stopping stops node (pid ${child}).`)

      const outcome = await stopper.stop(rowId, { force: false })
      expect(outcome, outcome.message).toMatchObject({ result: 'freed', pid: child, signal: 'SIGTERM' })
      expect(outcome.message).toBe(`Stopped node (pid ${child}); port ${port}/tcp is free.`)
      expect(isAlive(pid)).toBe(true)
      expect(isAlive(child!)).toBe(false)
    } finally {
      await monitor.close()
    }
  })

  it('refuses, just before signalling, when the confirmed process handed its socket away since', async () => {
    const parent = spawnNode(HANDS_OFF)
    const { pid, port } = await parent.next()
    const record = recordOf(pid, port!)
    const monitor = await monitorOf(() => [record])
    try {
      const stopper = new ProcessStopper(monitor)
      const rowId = row(monitor.rows(), port!)!.id
      expect(stopper.describe(rowId)).toMatchObject({ ok: true, target: { pid } })
      parent.child.stdin!.write('hand off\n')
      const { child } = await parent.next()

      const outcome = await stopper.stop(rowId, { force: true })
      expect(outcome).toMatchObject({ result: 'refused', signal: null })
      expect(outcome.message).toBe(`node (pid ${pid}) no longer holds port ${port}/tcp; node (pid ${child}) holds it now; nothing was signalled.`)
      expect(isAlive(pid)).toBe(true)
      expect(isAlive(child!)).toBe(true)
    } finally {
      await monitor.close()
    }
  })
})

const canReusePids = process.platform === 'linux' && process.getuid?.() === 0

/** Starts `sleep` under exactly `pid` by setting the kernel's last pid (root only); null when others took it first. */
async function sleepAtPid(pid: number): Promise<ChildProcess | null> {
  for (let attempt = 0; attempt < 50; attempt++) {
    writeFileSync('/proc/sys/kernel/ns_last_pid', String(pid - 1))
    const sleeper = spawn('sleep', ['1000'], { stdio: 'ignore' })
    children.push(sleeper)
    await new Promise((resolve) => sleeper.once('spawn', resolve))
    if (sleeper.pid === pid) return sleeper
    sleeper.kill('SIGKILL')
  }
  return null
}

describe.skipIf(!canReusePids)('a listener pid reused by an unrelated process (root: /proc/sys/kernel/ns_last_pid)', () => {
  it('describe refuses, and a stop confirmed before the reuse refuses too; the unrelated process lives', async (context) => {
    const listener = spawnNode(LISTENER)
    const { pid, port } = await listener.next()
    const record = recordOf(pid, port!)
    const monitor = await monitorOf(() => [record]) // paused: it keeps listing the listener
    try {
      const stopper = new ProcessStopper(monitor)
      const rowId = row(monitor.rows(), port!)!.id
      expect(stopper.describe(rowId)).toMatchObject({ ok: true, target: { pid } })
      const exited = new Promise((resolve) => listener.child.once('exit', resolve))
      listener.child.kill('SIGKILL')
      await exited
      const sleeper = await sleepAtPid(pid)
      if (!sleeper) return context.skip(`other processes kept taking pid ${pid} before sleep could`)

      const stopped = await stopper.stop(rowId, { force: true })
      expect(stopped).toMatchObject({ result: 'refused', signal: null })
      expect(stopped.message).toBe(`pid ${pid} is no longer the node you confirmed (the pid was reused); nothing was signalled.`)
      expect(stopper.describe(rowId)).toEqual({
        ok: false,
        message: `pid ${pid} is no longer the node that held port ${port}/tcp (the pid was reused by another process); nothing was stopped.`,
      })
      expect(isAlive(pid)).toBe(true)
      expect(readFileSync(`/proc/${pid}/comm`, 'utf8').trim()).toBe('sleep')
    } finally {
      await monitor.close()
    }
  })
})
