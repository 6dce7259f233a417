import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import type { Delta } from '../../../src/shared/row'
import { startCliInProcess, waitForLine, type InProcessRun } from '../../helpers/cli'
import { listenTcp } from '../../helpers/sockets'

// In-process, ended by its abort signal as Ctrl-C ends it; the real SIGINT is in process.test.ts.

const dataDir = mkdtempSync(join(tmpdir(), 'portolan-cli-watch-'))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

let running: { run: InProcessRun; stop: AbortController } | null = null
afterEach(async () => {
  running?.stop.abort()
  await running?.run.exit
  running = null
})

/** Starts `portolan watch` in this process. */
function watch(...args: string[]) {
  const stop = new AbortController()
  const run = startCliInProcess(['watch', ...args], { env: { PORTOLAN_DATA_DIR: dataDir }, signal: stop.signal })
  running = { run, stop }
  const lines = () => run.stdout().split('\n').filter((line) => line !== '')
  return { run, stop, lines, waitForLine: (test: (line: string) => boolean) => waitForLine(run.stdout, test) }
}

describe('portolan watch', () => {
  it('prints a timestamped line when a listener appears and the whole row when it leaves, and exits 0 when stopped', async () => {
    const w = watch()
    const socket = await listenTcp('127.0.0.1')
    const added = await w.waitForLine((l) => / \+ tcp 127\.0\.0\.1:(\d+) /.exec(l)?.[1] === String(socket.port))
    expect(added).toMatch(/^\d\d:\d\d:\d\d \+ /)
    expect(added).toContain(`(${process.pid})`)
    expect(added).toContain(' LISTEN loopback ')
    await socket.close()
    const removed = await w.waitForLine((l) => / - tcp 127\.0\.0\.1:(\d+) /.exec(l)?.[1] === String(socket.port))
    expect(removed.slice(9)).toBe(added.slice(9).replace(/^\+/, '-'))
    w.stop.abort()
    expect(await w.run.exit).toBe(0)
  })

  it('prints one JSON delta per line with --json', async () => {
    const w = watch('--json')
    const socket = await listenTcp('::1')
    const line = await w.waitForLine((l) => l.includes(`"port":${socket.port}`) && l.includes('"address":"::1"'))
    const delta = JSON.parse(line) as Delta
    expect(delta.seq).toBeGreaterThan(0)
    // The same port number may be in use on IPv4 by something else: ours is the one on ::1.
    expect(delta.added.find((r) => r.port === socket.port && r.address === '::1')).toMatchObject({ address: '::1', family: 6, protocol: 'tcp' })
    await socket.close()
    for (const l of w.lines()) expect(() => JSON.parse(l) as unknown).not.toThrow()
  })
})
