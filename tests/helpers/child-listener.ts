import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'

/**
 * A Node listener on 127.0.0.1 that appends {pid, port} to the file named by PORTOLAN_TEST_REPORT once it
 * listens (a file, not stdout, so it works under tmux and shells too). argv[1] is the port (0: any);
 * it echoes what it receives, so a test can count bytes both ways.
 */
export const LISTENER_SCRIPT = `
const server = require('net').createServer((socket) => socket.on('data', (d) => socket.write(d)))
server.listen(Number(process.argv[1] || 0), '127.0.0.1', () => require('fs').appendFileSync(process.env.PORTOLAN_TEST_REPORT, JSON.stringify({ pid: process.pid, port: server.address().port }) + '\\n'))
`

export interface Reported {
  pid: number
  port: number
}

/** Where started listeners report, and a way to wait for the next report. */
export class ListenerReports {
  readonly dir = mkdtempSync(join(tmpdir(), 'portolan-reports-'))
  readonly file = join(this.dir, 'report.jsonl')
  private seen = 0

  env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    return { ...process.env, ...extra, PORTOLAN_TEST_REPORT: this.file }
  }

  /** The next listener that reported, waiting up to `timeoutMs`. */
  async next(timeoutMs = 10_000): Promise<Reported> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      let lines: string[] = []
      try {
        lines = readFileSync(this.file, 'utf8').split('\n').filter((l) => l !== '')
      } catch {
        // not written yet
      }
      const line = lines[this.seen]
      if (line !== undefined) {
        this.seen += 1
        return JSON.parse(line) as Reported
      }
      if (Date.now() > deadline) throw new Error('no listener reported in time')
      await sleep(25)
    }
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true })
  }
}

/** Spawns argv (detached, its own process group, so a test can end it and everything under it). */
export function spawnDetached(argv: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): ChildProcess {
  const [command, ...args] = argv
  if (command === undefined) throw new Error('spawnDetached needs a command')
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: 'ignore', detached: true })
  child.unref()
  return child
}

/** Kills a detached child's whole process group, ignoring one that is already gone. */
export function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return
  try {
    process.kill(-child.pid, 'SIGKILL')
  } catch {
    // gone already
  }
}

export function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0
}
