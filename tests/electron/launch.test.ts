import { spawn } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { _electron as electron, type ElectronApplication } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTcpListener } from '../e2e/support/listeners'
import { ensureAppBuilt } from '../helpers/app-build'
import { serveElectronMirror, type Mirror } from '../helpers/electron-standin'
import { findElectronBinary } from './electron-binary'

// One file, so the real binary's smoke test and the stand-in's install never touch node_modules/electron at once.

const APP_ROOT = fileURLToPath(new URL('../../', import.meta.url))
const ELECTRON_PACKAGE = join(APP_ROOT, 'node_modules/electron')
const binary = findElectronBinary()
if (binary.missing) console.warn(`skipping the Electron smoke test: ${binary.missing}`)

// The built app in real Electron: a window opens and shows a listener this test opens.
describe.skipIf(binary.missing !== null)(`Electron app smoke test${binary.missing ? ` [skipped: ${binary.missing}]` : ''}`, () => {
  let app: ElectronApplication | null = null

  afterAll(async () => {
    await app?.close()
  })

  it('opens a window that lists a listener opened by the test', { timeout: 90_000 }, async () => {
    ensureAppBuilt()
    const listener = await openTcpListener()
    try {
      const args = [APP_ROOT]
      // Chromium's sandbox refuses to run as root (containers, some CI).
      if (process.getuid?.() === 0) args.unshift('--no-sandbox')
      app = await electron.launch({ executablePath: binary.path ?? '', args, timeout: 60_000 })
      const window = await app.firstWindow()
      await window.getByRole('grid', { name: 'Listening sockets' }).waitFor({ timeout: 30_000 })
      await window.getByRole('searchbox', { name: 'Filter rows' }).fill(String(listener.port))
      const row = window.locator(`[role="row"][data-port="${listener.port}"][data-protocol="tcp"]`)
      await row.waitFor({ timeout: 30_000 })
      await expect(row.locator('.col-exposure').innerText()).resolves.toBe('loopback')
    } finally {
      await listener.close()
    }
  })
})

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.once('error', reject)
    child.once('close', (code) => resolve({ code, stdout, stderr }))
  })
}

async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** The project without node_modules (linked back) in a temporary folder, so its build never replaces ours. */
function copyOfTheApp(dir: string): string {
  const app = join(dir, 'app')
  for (const entry of ['package.json', 'electron.vite.config.ts', 'tsconfig.json', 'tsconfig.base.json', 'tsconfig.node.json', 'tsconfig.web.json', 'src', 'resources', 'scripts']) {
    cpSync(join(APP_ROOT, entry), join(app, entry), { recursive: true })
  }
  symlinkSync(join(APP_ROOT, 'node_modules'), join(app, 'node_modules'), 'dir')
  return app
}

// `npm start` as a new user runs it, with only the download faked: Electron's own installer fetches a stand-in.
// The stand-in is a shell script named as Linux's binary; on macOS and Windows the real binary's smoke test covers the launch.
const standInUnsupported = process.platform === 'linux' ? null : 'the stand-in Electron is a Linux shell script'
describe.skipIf(standInUnsupported !== null)(`npm start fetches Electron through its own installer, then launches the app once${standInUnsupported ? ` [skipped: ${standInUnsupported}]` : ''}`, () => {
  const installed = ['dist', 'path.txt']
  let work: string
  let backup: string
  let app: string
  let mirror: Mirror

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'portolan-npm-start-'))
    backup = join(work, 'electron-backup')
    // Whatever binary this machine has is moved aside and put back afterwards.
    mkdirSync(backup)
    for (const name of installed) if (existsSync(join(ELECTRON_PACKAGE, name))) renameSync(join(ELECTRON_PACKAGE, name), join(backup, name))
    app = copyOfTheApp(work)
    mirror = await serveElectronMirror()
  })

  afterAll(async () => {
    await mirror?.close()
    for (const name of installed) {
      rmSync(join(ELECTRON_PACKAGE, name), { recursive: true, force: true })
      if (existsSync(join(backup, name))) renameSync(join(backup, name), join(ELECTRON_PACKAGE, name))
    }
    rmSync(work, { recursive: true, force: true })
  })

  const env = (mirrorUrl: string, cache: string) => ({
    ELECTRON_MIRROR: mirrorUrl,
    electron_use_remote_checksums: '1',
    electron_config_cache: cache,
    ELECTRON_OVERRIDE_DIST_PATH: '',
    PORTOLAN_STANDIN_LOG: join(work, 'launches.jsonl'),
  })

  it('with a reachable mirror: one download, one build, one launch of the built app', { timeout: 240_000 }, async () => {
    const started = await run('npm', ['start'], app, env(mirror.url, join(work, 'cache')))
    expect(started.code, started.stderr).toBe(0)
    expect(mirror.requests.some((path) => path.endsWith('.zip'))).toBe(true)
    expect(readFileSync(join(ELECTRON_PACKAGE, 'path.txt'), 'utf8')).toBe('electron')

    const launches = readFileSync(join(work, 'launches.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { args: string[]; cwd: string })
    expect(launches).toHaveLength(1)
    expect(launches[0]?.args[0]).toBe('.')
    expect(launches[0]?.cwd).toBe(app)
    expect(existsSync(join(app, 'out/main/index.js'))).toBe(true)
    // electron-vite reports each of its three bundles once: main, preload and renderer, built a single time.
    expect(started.stdout.match(/built in \d/g)).toHaveLength(3)

    // The second start finds the binary in place: no download, still one build and one launch more.
    const requests = mirror.requests.length
    const again = await run('npm', ['start'], app, env(mirror.url, join(work, 'cache')))
    expect(again.code, again.stderr).toBe(0)
    expect(mirror.requests.length).toBe(requests)
    expect(readFileSync(join(work, 'launches.jsonl'), 'utf8').trim().split('\n')).toHaveLength(2)
  })

  it('with an unreachable mirror: one sentence on stderr, no stack trace, a non-zero exit, nothing built', { timeout: 120_000 }, async () => {
    for (const name of ['dist', 'path.txt']) rmSync(join(ELECTRON_PACKAGE, name), { recursive: true, force: true })
    rmSync(join(app, 'out'), { recursive: true, force: true })
    const port = await closedPort()
    const failed = await run('npm', ['start'], app, env(`http://127.0.0.1:${port}/`, join(work, 'empty-cache')))
    expect(failed.code).not.toBe(0)
    const ours = failed.stderr.split('\n').filter((line) => line.startsWith('portolan:'))
    expect(ours).toHaveLength(1)
    expect(ours[0]).toMatch(/^portolan: could not download the Electron [\d.]+ binary from http:\/\/127\.0\.0\.1:\d+\/ \(.+\); the desktop app needs it, but `npm run preview:web` and the command line \(`npm run cli -- list`\) work without it\.$/)
    // The reason names what went wrong underneath, not only fetch's bare "fetch failed".
    expect(ours[0]).toContain(`ECONNREFUSED 127.0.0.1:${port}`)
    expect(failed.stderr).not.toMatch(/^\s+at /m)
    expect(existsSync(join(app, 'out'))).toBe(false)
  })
})
