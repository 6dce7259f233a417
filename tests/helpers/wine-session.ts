// Running the Windows build of Node under Wine (for the tests and the bench): where the pieces are (.ci/install-windows.sh puts them in
// .cache/windows/), a private prefix, bundling an entry for node.exe, and running it with its output in files.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { build } from 'esbuild'

const REPO = resolve(__dirname, '../..')
export const WINDOWS_CACHE = join(REPO, '.cache', 'windows')
const NODE_EXE = join(WINDOWS_CACHE, 'node', 'bin', 'node.exe')
const NODE_MODULES = join(WINDOWS_CACHE, 'node_modules')
const INSTALL_HINT = 'run .ci/install-windows.sh'

function wineBinary(): string | null {
  for (const name of ['wine', 'wine64']) {
    if (spawnSync('sh', ['-c', `command -v ${name}`]).status === 0) return name
  }
  return null
}

/** Why the Wine tests cannot run here, or null when they can. */
export function wineMissingReason(): string | null {
  if (process.platform !== 'linux') return 'the Wine tests run on Linux'
  if (!wineBinary()) return `Wine is not installed (${INSTALL_HINT})`
  if (!existsSync(NODE_EXE)) return `${NODE_EXE} is missing (${INSTALL_HINT})`
  if (!existsSync(join(NODE_MODULES, '@koromix', 'koffi-win32-x64', 'package.json'))) return `koffi's Windows binary is missing from ${NODE_MODULES} (${INSTALL_HINT})`
  return null
}

/** A Unix path as Windows programs under Wine see it (the Z: drive maps /). */
export function windowsPath(path: string): string {
  return `Z:${resolve(path).replace(/\//g, '\\')}`
}

export interface WineRun {
  code: number | null
  stdout: string
  stderr: string
}

/**
 * One private Wine prefix with its own wineserver; node.exe runs in it with its output in files (node.exe
 * under Wine fails with EBADF writing to a pipe).
 */
export class WineSession {
  readonly dir = mkdtempSync(join(tmpdir(), 'portolan-wine-'))
  private readonly prefix = join(this.dir, 'prefix')
  private readonly wine = wineBinary() ?? 'wine'
  private runs = 0
  private readonly children = new Set<ChildProcess>()

  get env(): NodeJS.ProcessEnv {
    return {
      ...process.env,
      WINEPREFIX: this.prefix,
      WINEDEBUG: '-all',
      WINEDLLOVERRIDES: 'mscoree,mshtml=', // no Mono or Gecko installer prompts on first boot
      NODE_SKIP_PLATFORM_CHECK: '1',
      NODE_PATH: windowsPath(NODE_MODULES),
    }
  }

  /** Creates the prefix (the slow first boot) once, so later runs start quickly. */
  boot(): void {
    if (existsSync(join(this.prefix, 'system.reg'))) return
    const result = spawnSync(this.wine, ['wineboot', '--init'], { env: this.env, stdio: 'ignore', timeout: 180_000 })
    if (result.status !== 0) throw new Error(`wineboot failed (status ${result.status}, ${result.error?.message ?? 'no error'})`)
    spawnSync('wineserver', ['-w'], { env: this.env, stdio: 'ignore', timeout: 60_000 })
  }

  /** Starts `node.exe script args` and returns at once; its output goes to files under the session dir. */
  start(script: string, args: readonly string[] = []): { child: ChildProcess; output: () => WineRun } {
    const n = this.runs++
    const stdoutFile = join(this.dir, `run-${n}.out`)
    const stderrFile = join(this.dir, `run-${n}.err`)
    const command = `exec ${this.wine} "$@" >${JSON.stringify(stdoutFile)} 2>${JSON.stringify(stderrFile)} </dev/null`
    const child = spawn('sh', ['-c', command, 'sh', NODE_EXE, windowsPath(script), ...args], { env: this.env, stdio: 'ignore' })
    this.children.add(child)
    child.once('exit', () => this.children.delete(child))
    const read = (file: string): string => (existsSync(file) ? readFileSync(file, 'utf8') : '')
    return { child, output: () => ({ code: child.exitCode, stdout: read(stdoutFile), stderr: read(stderrFile) }) }
  }

  /** Runs `node.exe script args` to its end. */
  async run(script: string, args: readonly string[] = [], timeoutMs = 120_000): Promise<WineRun> {
    const { child, output } = this.start(script, args)
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    await new Promise<void>((done) => child.once('exit', () => done()))
    clearTimeout(timer)
    return output()
  }

  /** Runs a program of Wine's own (netstat, taskkill, ...). */
  runWineProgram(args: readonly string[], timeoutMs = 60_000): WineRun {
    const result = spawnSync(this.wine, args, { env: this.env, encoding: 'utf8', timeout: timeoutMs })
    return { code: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' }
  }

  close(): void {
    for (const child of this.children) child.kill('SIGKILL')
    spawnSync('wineserver', ['-k'], { env: this.env, stdio: 'ignore', timeout: 30_000 })
    rmSync(this.dir, { recursive: true, force: true })
  }
}

/**
 * Bundles TypeScript entries into CommonJS files for node.exe (koffi stays external: it loads its
 * Windows binary from NODE_PATH). `entries` maps output file names to source paths.
 */
export async function bundleForWindows(outdir: string, entries: Record<string, string>): Promise<void> {
  mkdirSync(outdir, { recursive: true })
  await build({
    entryPoints: Object.entries(entries).map(([out, input]) => ({ out: out.replace(/\.js$/, ''), in: input })),
    outdir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    external: ['koffi'],
    logLevel: 'silent',
  })
}

/** Waits until `file` holds JSON (written by a program under Wine), or fails after `timeoutMs`. */
export async function waitForJson<T>(file: string, timeoutMs: number, why: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (existsSync(file)) {
      try {
        return JSON.parse(readFileSync(file, 'utf8')) as T
      } catch {
        // still being written
      }
    }
    if (Date.now() > deadline) throw new Error(`${file} never appeared: ${why()}`)
    await new Promise((r) => setTimeout(r, 200))
  }
}

