import { execFile, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import type { Row } from '../../../src/shared/row'
import { runCliProcess, waitForLine } from '../../helpers/cli'
import { listenTcp } from '../../helpers/sockets'
import { freePort, spawnChildListener, type ChildListener } from '../../e2e/support/feature-listeners'

// What only a real process shows: the exit code a shell sees, stderr and stdin, signals, and a pipe whose
// reader leaves. Everything else about the commands is tested in-process (runCli) beside this file;
// the bundled out/cli/index.js is bundled-cli.test.ts, and Ctrl-C during a download is in registry.test.ts.

const dataDir = mkdtempSync(join(tmpdir(), 'portolan-cli-process-'))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))
const env = { PORTOLAN_DATA_DIR: dataDir }

const children: ChildListener[] = []
afterEach(async () => {
  await Promise.all(children.splice(0).map((child) => child.reap()))
})

describe('portolan as a process', () => {
  it('exits 0 with the listing on stdout, and 2 with one line on stderr and nothing on stdout for a wrong command', async () => {
    const socket = await listenTcp('127.0.0.1')
    try {
      const list = await runCliProcess(['list', '--json'], env)
      expect(list.code).toBe(0)
      expect((JSON.parse(list.stdout) as Row[]).some((r) => r.protocol === 'tcp' && r.port === socket.port)).toBe(true)
    } finally {
      await socket.close()
    }
    const wrong = await runCliProcess(['lst'], env)
    expect(wrong.code).toBe(2)
    expect(wrong.stdout).toBe('')
    expect(wrong.stderr).toMatch(/^portolan: unknown command "lst" [^\n]*\n$/)
  })

  it.skipIf(process.platform !== 'linux')('kill: exit 3 and the reason on stderr for a free port; the question on stderr and the answer read from stdin (exit 4)', async () => {
    const port = await freePort()
    const free = await runCliProcess(['kill', String(port), '--yes'], env)
    expect(free.code).toBe(3)
    expect(free.stderr.trim()).toBe(`portolan: nothing listens on port ${port}`)
    const target = await spawnChildListener()
    children.push(target)
    const declined = await runCliProcess(['kill', String(target.port)], env, { input: 'n\n' })
    expect(declined.stderr).toContain('Stop this process? [y/N]')
    expect(declined.code).toBe(4)
    expect(target.child.exitCode).toBeNull()
    expect(target.child.signalCode).toBeNull()
  })

  it('watch ends on Ctrl-C (SIGINT) with exit 0', async () => {
    const socket = await listenTcp('127.0.0.1')
    const watch = spawn(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', 'watch'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    const exited = new Promise<number | null>((resolve) => watch.once('exit', (code) => resolve(code)))
    let stdout = ''
    watch.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    try {
      // Once it printed our listener it is running (and listening for the signal).
      await waitForLine(() => stdout, (l) => l.includes(`127.0.0.1:${socket.port} `), 60_000)
      watch.kill('SIGINT')
      expect(await exited).toBe(0)
    } finally {
      watch.kill('SIGKILL')
      await socket.close()
    }
  }, 90_000)
})

describe.skipIf(process.platform === 'win32')('a reader that goes away', () => {
  const shell = (script: string) => promisify(execFile)('bash', ['-c', script], { cwd: process.cwd(), env: { ...process.env, ...env }, timeout: 80_000, killSignal: 'SIGKILL' })

  it('list | true: no EPIPE crash, exit 0', async () => {
    // `true` exits without reading, so every write of the CLI meets a closed pipe.
    const { stderr } = await shell('node --import tsx src/cli/index.ts list | true; echo "status=${PIPESTATUS[0]}" >&2')
    expect(stderr).toBe('status=0\n')
  })

  it('watch | head -1 ends once head has its line and watch writes again', { timeout: 90_000 }, async () => {
    const finished = shell('node --import tsx src/cli/index.ts watch | head -1 >/dev/null; echo "status=${PIPESTATUS[0]}" >&2')
    let done = false
    const end = () => {
      done = true
    }
    void finished.then(end, end)
    // Listeners coming and going give watch something to write after head has left.
    while (!done) {
      const socket = await listenTcp('127.0.0.1')
      await new Promise((resolve) => setTimeout(resolve, 300))
      await socket.close()
      await new Promise((resolve) => setTimeout(resolve, 300))
    }
    expect((await finished).stderr).toBe('status=0\n')
  })
})
