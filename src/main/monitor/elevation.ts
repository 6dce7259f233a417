// Starting the elevated helper (helper-server.ts) behind the platform's own password prompt: pkexec on
// Linux, the administrator prompt of `osascript` on macOS, UAC (PowerShell Start-Process -Verb RunAs) on
// Windows. None of them reliably carries stdio back (osascript returns output only at the end, RunAs
// cannot redirect at all), so on every platform the helper connects back instead: the app listens on
// 127.0.0.1, writes a one-time token to a file only its user (and root) can read, and accepts only the
// connection that greets with that token. Where no prompt tool exists, the same command is shown for the
// person to run in a terminal, and the app keeps listening for it.
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { accessSync, constants, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { createServer, type Server, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { delimiter, dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { errorMessage } from './collector'
import { HelperCollector } from './helper-collector'
import { HEADLESS_HELPER_SWITCH } from './helper-server'

/** The program that becomes the helper, before the helper's own arguments. */
export interface HelperProgram {
  command: string
  args: string[]
}

/** Chromium's switches for the app's executable run as a headless root helper on Linux: no display, no GPU, and no sandbox (Chromium refuses root with one, and no web content is ever loaded). */
export const LINUX_HEADLESS_SWITCHES = ['--no-sandbox', '--ozone-platform=headless', '--disable-gpu']

/**
 * The app's own executable as the helper (Electron; a packaged app's RunAsNode fuse is off). `appArgs`
 * is what selects the app for an unpackaged Electron (`[app.getAppPath()]`), empty when packaged.
 */
export function electronHelperProgram(execPath: string, appArgs: string[], platform: NodeJS.Platform = process.platform): HelperProgram {
  return { command: execPath, args: [...appArgs, ...(platform === 'linux' ? LINUX_HEADLESS_SWITCHES : []), HEADLESS_HELPER_SWITCH] }
}

/** The repository (or unpacked app) root: the nearest folder up from here with a package.json. */
function packageRoot(from: string): string | null {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir
    if (dirname(dir) === dir) return null
  }
}

/**
 * The CLI under this Node as the helper (the CLI itself, the web preview, tests): the bundled
 * out/cli/index.js when built, else the source through tsx.
 */
export function nodeHelperProgram(from: string = __dirname, execPath: string = process.execPath): HelperProgram {
  const root = packageRoot(from)
  if (!root) throw new Error(`cannot find Portolan's files from ${from}`)
  const bundle = join(root, 'out', 'cli', 'index.js')
  if (existsSync(bundle)) return { command: execPath, args: [bundle, 'helper'] }
  const tsx = pathToFileURL(createRequire(join(root, 'package.json')).resolve('tsx')).href
  return { command: execPath, args: ['--import', tsx, join(root, 'src', 'cli', 'index.ts'), 'helper'] }
}

export type ElevationPlan =
  | { kind: 'prompt'; tool: 'pkexec' | 'osascript' | 'powershell'; command: string; args: string[] }
  /** No prompt tool: what the person can run themselves (argv, and as one line for a terminal). */
  | { kind: 'manual'; reason: string; argv: string[]; commandLine: string }

/** Quoting for a POSIX shell: every argument in single quotes. */
export function shellQuote(args: readonly string[]): string {
  return args.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ')
}

/** One argument as Windows' CommandLineToArgvW reads it back. */
export function windowsQuote(arg: string): string {
  if (arg !== '' && !/[\s"]/.test(arg)) return arg
  return `"${arg.replace(/(\\*)"/g, '$1$1\\"').replace(/(\\+)$/, '$1$1')}"`
}

function appleScriptString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
}

function onPath(name: string, env: NodeJS.ProcessEnv): string | null {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue
    const file = join(dir, name)
    try {
      accessSync(file, constants.X_OK)
      return file
    } catch {
      // not here
    }
  }
  return null
}

/** How to run `argv` elevated on this platform. */
export function elevationPlan(argv: readonly string[], platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): ElevationPlan {
  const [file, ...rest] = argv
  if (file === undefined) throw new Error('elevationPlan needs the program to run (argv is empty)')
  if (platform === 'darwin') {
    const script = `do shell script ${appleScriptString(shellQuote(argv))} with prompt ${appleScriptString('Portolan needs administrator rights to show which process holds every socket.')} with administrator privileges`
    return { kind: 'prompt', tool: 'osascript', command: '/usr/bin/osascript', args: ['-e', script] }
  }
  if (platform === 'win32') {
    const ps = (text: string): string => `'${text.replace(/'/g, "''")}'`
    const list = rest.map(windowsQuote).join(' ')
    const script = `try { Start-Process -FilePath ${ps(file)} -ArgumentList ${ps(list)} -Verb RunAs -WindowStyle Hidden -ErrorAction Stop } catch { [Console]::Error.WriteLine($_.Exception.Message); exit 1 }`
    return { kind: 'prompt', tool: 'powershell', command: 'powershell.exe', args: ['-NoProfile', '-NonInteractive', '-Command', script] }
  }
  const pkexec = onPath('pkexec', env)
  if (pkexec) return { kind: 'prompt', tool: 'pkexec', command: pkexec, args: [...argv] }
  return {
    kind: 'manual',
    reason: 'No password prompt (pkexec, from polkit) is installed here.',
    argv: [...argv],
    commandLine: `sudo ${shellQuote(argv)}`,
  }
}

/** Why a prompt ended before its helper connected, in words for the person who saw it. */
export function promptEndedMessage(tool: string, code: number | null, stderr: string): string {
  const said = stderr.trim().split('\n').pop()?.trim() ?? ''
  if (tool === 'pkexec' && code === 126) return 'The password prompt was dismissed; owners stay hidden.'
  if (tool === 'pkexec' && code === 127) return `Not authorized${said ? ` (${said})` : ''}; owners stay hidden.`
  if (tool === 'osascript' && /\(-128\)/.test(stderr)) return 'The password prompt was cancelled; owners stay hidden.'
  if (tool === 'powershell' && /cancel/i.test(said)) return 'The administrator prompt was cancelled; owners stay hidden.'
  return `The elevated helper ended before it connected (${code === null ? 'killed' : `exit code ${code}`}${said ? `: ${said}` : ''}).`
}

/**
 * A loopback listener and its one-time token file, waiting for the helper to connect back. Only a
 * connection that greets with the token is taken; others are dropped and it keeps listening.
 */
export class HelperRendezvous {
  readonly token = randomBytes(32).toString('hex')
  private readonly dir = mkdtempSync(join(tmpdir(), 'portolan-helper-'))
  readonly tokenFile = join(this.dir, 'token')
  private readonly server: Server = createServer()
  private readonly sockets = new Set<Socket>()
  private closed = false

  private constructor(private readonly maxLineChars?: number) {
    writeFileSync(this.tokenFile, `${this.token}\n`, { mode: 0o600 })
  }

  static async open(maxLineChars?: number): Promise<HelperRendezvous> {
    const rendezvous = new HelperRendezvous(maxLineChars)
    try {
      await new Promise<void>((resolve, reject) => {
        rendezvous.server.once('error', reject)
        rendezvous.server.listen({ host: '127.0.0.1', port: 0 }, () => resolve())
      })
    } catch (error) {
      rendezvous.close()
      throw error
    }
    return rendezvous
  }

  /** The helper's arguments that bring it back here. */
  get helperArgs(): string[] {
    const address = this.server.address()
    if (!address || typeof address === 'string') throw new Error('the helper rendezvous is not listening')
    return ['--connect', `127.0.0.1:${address.port}`, '--token-file', this.tokenFile]
  }

  /** The first helper that greets with the token; then the listener and the token file are gone. */
  accept(signal: AbortSignal): Promise<HelperCollector> {
    return new Promise<HelperCollector>((resolve, reject) => {
      const onAbort = (): void => {
        this.close()
        reject(signal.reason instanceof Error ? signal.reason : new Error('stopped waiting for the helper'))
      }
      if (signal.aborted) return onAbort()
      signal.addEventListener('abort', onAbort, { once: true })
      this.server.on('connection', (socket) => {
        if (this.closed) return void socket.destroy()
        this.sockets.add(socket)
        const helper = new HelperCollector({ input: socket, output: socket, token: this.token, maxLineChars: this.maxLineChars, helloTimeoutMs: 10_000 })
        helper.ready.then(
          () => {
            this.sockets.delete(socket)
            if (this.closed) return helper.close()
            signal.removeEventListener('abort', onAbort)
            this.close()
            resolve(helper)
          },
          () => this.sockets.delete(socket), // not ours (wrong token, garbage): keep waiting
        )
      })
    })
  }

  close(): void {
    if (this.closed) return
    this.closed = true
    this.server.close()
    for (const socket of this.sockets) socket.destroy()
    rmSync(this.dir, { recursive: true, force: true })
  }
}

export type ElevationOutcome =
  | { kind: 'started'; helper: HelperCollector }
  | { kind: 'failed'; message: string }
  /** Nothing to prompt with: `commandLine` is shown; `helper` settles when someone runs it (or on cancel). */
  | { kind: 'manual'; message: string; argv: string[]; commandLine: string; helper: Promise<HelperCollector>; cancel: () => void }

export interface ElevationOptions {
  program: HelperProgram
  platform?: NodeJS.Platform
  env?: NodeJS.ProcessEnv
  /** How long a launched prompt may take before it is given up (the person may walk away from it). */
  promptTimeoutMs?: number
  /** How long a shown command stays valid. */
  manualTimeoutMs?: number
  maxLineChars?: number
}

/**
 * Asks for elevation and waits for the helper. 'started' hands over a greeted helper; 'failed' says why
 * in one sentence (cancelled, not authorized, exited); 'manual' gives the command to run instead.
 */
export async function startElevatedHelper(options: ElevationOptions): Promise<ElevationOutcome> {
  const rendezvous = await HelperRendezvous.open(options.maxLineChars)
  const argv = [options.program.command, ...options.program.args, ...rendezvous.helperArgs]
  const plan = elevationPlan(argv, options.platform, options.env)
  const waiting = new AbortController()
  if (plan.kind === 'manual') {
    const expiry = setTimeout(() => waiting.abort(new Error('nobody ran the command in time')), options.manualTimeoutMs ?? 15 * 60_000)
    expiry.unref()
    const helper = rendezvous.accept(waiting.signal).then((accepted) => {
      const problem = unprivilegedProblem(accepted)
      if (problem) throw new Error(problem)
      return accepted
    }).finally(() => clearTimeout(expiry))
    helper.catch(() => undefined)
    return {
      kind: 'manual',
      message: `${plan.reason} To show all owners, run this in a terminal:`,
      argv: plan.argv,
      commandLine: plan.commandLine,
      helper,
      cancel: () => waiting.abort(new Error('cancelled')),
    }
  }
  let child: ChildProcess
  try {
    child = spawn(plan.command, plan.args, { stdio: ['ignore', 'ignore', 'pipe'], windowsHide: true })
  } catch (error) {
    rendezvous.close()
    return { kind: 'failed', message: `Cannot start ${plan.tool}: ${errorMessage(error)}.` }
  }
  let stderr = ''
  child.stderr?.setEncoding('utf8')
  child.stderr?.on('data', (text: string) => {
    stderr = (stderr + text).slice(-2000)
  })
  const ended = new Promise<string>((resolve) => {
    child.once('error', (error) => resolve(`Cannot start ${plan.tool}: ${error.message}.`))
    child.once('close', (code) => {
      // Start-Process returns as soon as UAC has launched the helper: keep waiting for it then.
      if (plan.tool === 'powershell' && code === 0) return
      resolve(promptEndedMessage(plan.tool, code, stderr))
    })
  })
  const timeout = setTimeout(() => waiting.abort(new Error('timeout')), options.promptTimeoutMs ?? 120_000)
  timeout.unref()
  try {
    const first = await Promise.race([
      rendezvous.accept(waiting.signal).then(
        (helper) => ({ helper }),
        () => ({ message: 'Nobody answered the password prompt in time; owners stay hidden.' }),
      ),
      ended.then((message) => ({ message })),
    ])
    if (!('helper' in first)) {
      if (child.exitCode === null && child.signalCode === null) child.kill() // a prompt still open, or stuck
      return { kind: 'failed', message: first.message }
    }
    const problem = unprivilegedProblem(first.helper)
    return problem ? { kind: 'failed', message: problem } : { kind: 'started', helper: first.helper }
  } finally {
    clearTimeout(timeout)
    waiting.abort()
    rendezvous.close()
  }
}

/** A helper that runs without root sees no more than the app does: say so and end it. */
export function unprivilegedProblem(helper: HelperCollector): string | null {
  if (helper.privileged) return null
  helper.close()
  return 'The helper ran without administrator rights, so it cannot show more owners.'
}
