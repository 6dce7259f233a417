import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { composeApp, type PortolanApp } from '../../../../src/main/core/compose'
import type { Row } from '../../../../src/shared/row'

// Who holds a socket, on real processes the test starts: command line, executable, user, start time,
// a name refreshed when the process execs, and the two ages (held by this pid; first seen here).

interface Child {
  child: ChildProcess
  pid: number
  port: number
  exited: Promise<unknown>
}

const NODE_LISTENER = "const port = Number(process.argv[1]); require('net').createServer().listen(port, '127.0.0.1', function () { console.log(this.address().port) })"

/** A node child listening on 127.0.0.1 (port 0: the kernel picks), with a distinctive argument after the port. */
async function nodeListener(port: number, marker: string): Promise<Child> {
  return started(spawn(process.execPath, ['-e', NODE_LISTENER, String(port), marker], { stdio: ['ignore', 'pipe', 'inherit'] }))
}

// Listens, prints the port, waits for a line on stdin, then execs `sleep` keeping the socket (inheritable fd).
const PYTHON_EXEC = [
  'import os, socket, sys',
  's = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen()',
  'os.set_inheritable(s.fileno(), True)',
  'print(s.getsockname()[1], flush=True)',
  'sys.stdin.readline()',
  'os.execvp("sleep", ["sleep", "600"])',
].join('\n')

async function started(child: ChildProcess): Promise<Child> {
  const exited = new Promise((resolve) => child.once('exit', resolve))
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject)
    child.stdout?.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())))
  })
  return { child, pid: child.pid!, port, exited }
}

const dataDir = mkdtempSync(join(tmpdir(), 'portolan-owner-details-'))
const children: ChildProcess[] = []
const track = (c: Child): Child => (children.push(c.child), c)

async function rowFor(core: PortolanApp, port: number, pid: number, test: (row: Row) => boolean = () => true): Promise<Row> {
  for (let attempt = 0; attempt < 40; attempt += 1) {
    await core.monitor.pollNow()
    const row = core.monitor.rows().find((r) => r.port === port && r.pid === pid && r.remotePort === null)
    if (row && test(row)) return row
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`no row for port ${port} pid ${pid} that passes the test`)
}

describe.skipIf(process.platform !== 'linux')('owner details on rows (sock_diag, real processes)', () => {
  const core = composeApp({ intervalMs: 250, dataDir, containers: null })

  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL')
    await core.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('puts the command line, executable, user and start time of the owner on its rows', async () => {
    const marker = `--portolan-marker-${process.pid}`
    const target = track(await nodeListener(0, marker))
    const row = await rowFor(core, target.port, target.pid)
    expect(row.commandLine).toEqual([process.execPath, '-e', NODE_LISTENER, '0', marker])
    expect(row.executable).toBe(process.execPath)
    expect(row.user).toBe('root')
    expect(row.processStart).toBeGreaterThan(Date.now() - 60_000)
    expect(row.processStart).toBeLessThanOrEqual(Date.now())
  })

  it("refreshes the name and command line when the owner execs (same pid, same socket)", async () => {
    const child = spawn('python3', ['-c', PYTHON_EXEC], { stdio: ['pipe', 'pipe', 'inherit'] })
    const target = track(await started(child))
    const before = await rowFor(core, target.port, target.pid)
    expect(before.process).toMatch(/^python/)
    child.stdin?.write('\n')
    const after = await rowFor(core, target.port, target.pid, (row) => row.process === 'sleep')
    expect(after.id).toBe(before.id)
    expect(after.commandLine).toEqual(['sleep', '600'])
    expect(after.executable).toMatch(/\/sleep$/)
  })

  it('restarts the held-for age when another process takes the port, and keeps the first-seen age of the program', async () => {
    const first = track(await nodeListener(0, 'first'))
    const firstRow = await rowFor(core, first.port, first.pid)
    first.child.kill('SIGTERM')
    await first.exited
    // Apart in time, so a reset is visible in the numbers.
    await new Promise((resolve) => setTimeout(resolve, 300))
    const second = track(await nodeListener(first.port, 'second'))
    const secondRow = await rowFor(core, second.port, second.pid)
    expect(secondRow.process).toBe(firstRow.process)
    expect(secondRow.since).toBeGreaterThan(firstRow.since)
    expect(secondRow.firstSeen).toBe(firstRow.firstSeen)
  })
})
