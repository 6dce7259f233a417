import { execFile } from 'node:child_process'
import { promisify } from 'node:util'

const run = promisify(execFile)

export interface CliResult {
  code: number
  stdout: string
  stderr: string
}

/** Runs `portolan <args>` from source as its own process, the way `npm run cli --` does. */
export async function runCliProcess(args: readonly string[], env: NodeJS.ProcessEnv = {}, options: { killAfterMs?: number } = {}): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...args], {
      cwd: process.cwd(),
      env: { ...process.env, ...env },
      maxBuffer: 1 << 28,
      // A guard against a hang (the test then fails on the signal), never a measure of speed.
      timeout: options.killAfterMs ?? 0,
      killSignal: 'SIGKILL',
    })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const e = error as { code: number | null; signal: string | null; stdout: string; stderr: string }
    return { code: e.code ?? -1, stdout: e.stdout, stderr: e.signal ? `${e.stderr}\n[killed by ${e.signal}]` : e.stderr }
  }
}
