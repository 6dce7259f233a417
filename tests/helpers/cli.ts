import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { runCli } from '../../src/cli/main'

const run = promisify(execFile)

export interface CliResult {
  code: number
  stdout: string
  stderr: string
}

/** Runs `portolan <args>` from source as its own process, the way `npm run cli --` does. */
export async function runCliProcess(args: readonly string[], env: NodeJS.ProcessEnv = {}, options: { killAfterMs?: number; input?: string } = {}): Promise<CliResult> {
  const child = run(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...args], {
    cwd: process.cwd(),
    env: { ...process.env, ...env },
    maxBuffer: 1 << 28,
    // A guard against a hang (the test then fails on the signal), never a measure of speed.
    timeout: options.killAfterMs ?? 0,
    killSignal: 'SIGKILL',
  })
  child.child.stdin?.end(options.input ?? '')
  try {
    const { stdout, stderr } = await child
    return { code: 0, stdout, stderr }
  } catch (error) {
    const e = error as { code: number | null; signal: string | null; stdout: string; stderr: string }
    return { code: e.code ?? -1, stdout: e.stdout, stderr: e.signal ? `${e.stderr}\n[killed by ${e.signal}]` : e.stderr }
  }
}

export interface InProcessOptions {
  /** The run's whole environment (nothing of this process's is added): PORTOLAN_DATA_DIR, mostly. */
  env?: NodeJS.ProcessEnv
  /** What stdin would hold; without it nobody can answer a question. */
  input?: string
  cwd?: string
  signal?: AbortSignal
}

/** A run of the CLI in this process, its output collected as text, as a process's would be. */
export interface InProcessRun {
  readonly stdout: () => string
  readonly stderr: () => string
  /** Resolves with the exit code. */
  readonly exit: Promise<number>
}

export function startCliInProcess(args: readonly string[], options: InProcessOptions = {}): InProcessRun {
  let stdout = ''
  let stderr = ''
  const { input } = options
  const exit = runCli(args, {
    stdout: { write: (text) => (stdout += text) },
    stderr: { write: (text) => (stderr += text) },
    ...(input === undefined ? {} : { readLine: () => Promise.resolve((input.split('\n')[0] ?? '').trim()) }),
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    signal: options.signal,
  })
  return { stdout: () => stdout, stderr: () => stderr, exit }
}

/** `portolan <args>` run in this process to its end. */
export async function runCliInProcess(args: readonly string[], options: InProcessOptions = {}): Promise<CliResult> {
  const started = startCliInProcess(args, options)
  const code = await started.exit
  return { code, stdout: started.stdout(), stderr: started.stderr() }
}

/** Waits until a line of `text()` passes `test`; rejects with what was seen after `timeoutMs` (a guard, not a measure). */
export function waitForLine(text: () => string, test: (line: string) => boolean, timeoutMs = 15_000): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const started = Date.now()
    const check = () => {
      const line = text().split('\n').find(test)
      if (line !== undefined) return resolve(line)
      if (Date.now() - started > timeoutMs) return reject(new Error(`no matching line in:\n${text()}`))
      setTimeout(check, 50)
    }
    check()
  })
}
