import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { afterEach, describe, expect, it } from 'vitest'
import type { Delta } from '../../../src/shared/row'
import { listenTcp } from '../../helpers/sockets'

let child: ChildProcessWithoutNullStreams | null = null
afterEach(() => {
  child?.kill('SIGKILL')
  child = null
})

/** Starts `portolan watch` and collects its stdout lines. */
function watch(...args: string[]) {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', 'watch', ...args], { cwd: process.cwd() })
  child = proc
  const lines: string[] = []
  let buffer = ''
  proc.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk
    const parts = buffer.split('\n')
    buffer = parts.pop() ?? ''
    lines.push(...parts)
  })
  const waitForLine = (test: (line: string) => boolean, timeoutMs = 15_000) =>
    new Promise<string>((resolve, reject) => {
      const started = Date.now()
      const check = () => {
        const line = lines.find(test)
        if (line !== undefined) return resolve(line)
        if (Date.now() - started > timeoutMs) return reject(new Error(`no matching line in:\n${lines.join('\n')}`))
        setTimeout(check, 50)
      }
      check()
    })
  const exit = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)))
  return { lines, waitForLine, exit, proc }
}

describe('portolan watch', () => {
  it('prints a timestamped line when a listener appears and the whole row when it leaves, and exits 0 on Ctrl-C', async () => {
    const w = watch()
    const socket = await listenTcp('127.0.0.1')
    const added = await w.waitForLine((l) => / \+ tcp 127\.0\.0\.1:(\d+) /.exec(l)?.[1] === String(socket.port))
    expect(added).toMatch(/^\d\d:\d\d:\d\d \+ /)
    expect(added).toContain(`(${process.pid})`)
    expect(added).toContain(' LISTEN loopback ')
    await socket.close()
    const removed = await w.waitForLine((l) => / - tcp 127\.0\.0\.1:(\d+) /.exec(l)?.[1] === String(socket.port))
    expect(removed.slice(9)).toBe(added.slice(9).replace(/^\+/, '-'))
    w.proc.kill('SIGINT')
    expect(await w.exit).toBe(0)
  })

  it('prints one JSON delta per line with --json', async () => {
    const w = watch('--json')
    const socket = await listenTcp('::1')
    const line = await w.waitForLine((l) => l.includes(`"port":${socket.port}`))
    const delta = JSON.parse(line) as Delta
    expect(delta.seq).toBeGreaterThan(0)
    expect(delta.added.find((r) => r.port === socket.port)).toMatchObject({ address: '::1', family: 6, protocol: 'tcp' })
    await socket.close()
    for (const l of w.lines) expect(() => JSON.parse(l) as unknown).not.toThrow()
  })
})
