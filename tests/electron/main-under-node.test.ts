import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '../../src/shared/csp'
import { ensureAppBuilt, REPO_ROOT } from '../helpers/app-build'
import { anyArray, anyNumber } from '../helpers/matchers'

// The built main process (out/main/index.js) under plain Node, with a recording stand-in for `electron`:
// what the shipped code does, without the binary.

const STAND_IN = join(__dirname, 'support', 'recording-electron.cjs')
const DEV_SERVER = 'http://127.0.0.1:9/'

interface Answer {
  ok: boolean
  value?: unknown
  error?: string
}
interface Recorded {
  lockTaken: boolean
  quitCalls: number
  windows: { options: { icon?: string; webPreferences: Record<string, unknown> }; loaded: string[] }[]
  trays: number
  trayMenus: (string | undefined)[][]
  schemes: string[]
  menus: { role?: string; label?: string; submenu?: { role?: string }[] }[][]
  handlers: string[]
  appUserModelId?: string
  events: string[]
  checks: Record<string, { status: number; csp: string | null; body: string } & Answer>
}

const work = mkdtempSync(join(tmpdir(), 'portolan-main-under-node-'))

async function runMain(name: string, env: Record<string, string>): Promise<{ recorded: Recorded; dataDir: string }> {
  const out = join(work, `${name}.json`)
  const dataDir = join(work, `${name}-data`)
  await promisify(execFile)(process.execPath, ['-r', STAND_IN, join(REPO_ROOT, 'out/main/index.js')], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH, PORTOLAN_DATA_DIR: dataDir, PORTOLAN_FAKE_ELECTRON_OUT: out, ELECTRON_RENDERER_URL: DEV_SERVER, ...env },
    timeout: 60_000,
  })
  return { recorded: JSON.parse(readFileSync(out, 'utf8')) as Recorded, dataDir }
}

beforeAll(() => ensureAppBuilt(), 240_000)
afterAll(() => rmSync(work, { recursive: true, force: true }))

describe('the built main process, installed (app.isPackaged)', () => {
  let recorded: Recorded
  let dataDir: string
  beforeAll(async () => ({ recorded, dataDir } = await runMain('packaged', { PORTOLAN_FAKE_PACKAGED: '1' })), 90_000)

  it('serves index.html on app://portolan with the CSP header; foreign hosts and traversal get 404', () => {
    expect(recorded.checks.index).toMatchObject({ status: 200, csp: CONTENT_SECURITY_POLICY })
    expect(recorded.checks.index?.body).toContain('<div id="root">')
    expect(recorded.checks.root).toMatchObject({ status: 200, csp: CONTENT_SECURITY_POLICY })
    for (const refused of ['foreignHost', 'traversal', 'dotSegments']) expect(recorded.checks[refused]?.status, refused).toBe(404)
  })

  it('answers IPC from its own page only, validating the payload; the dev-server origin from the environment is not trusted', () => {
    expect(recorded.checks.snapshotFromApp).toMatchObject({ ok: true, value: { seq: anyNumber(), rows: anyArray() } })
    expect(recorded.checks.snapshotFromElsewhere).toMatchObject({ ok: false, error: 'sender not allowed' })
    expect(recorded.checks.snapshotFromDevServer).toMatchObject({ ok: false, error: 'sender not allowed' })
    expect(recorded.checks.storyWithGarbage?.ok).toBe(false)
    expect(recorded.windows[0]?.loaded).toEqual(['app://portolan/index.html'])
  })

  it('sets a minimal menu without Reload or developer tools', () => {
    const roles = JSON.stringify(recorded.menus)
    expect(recorded.menus).toHaveLength(1)
    expect(roles).not.toMatch(/reload|toggleDevTools|forceReload/i)
  })

  it('quits only after the monitor has closed and saved its history', () => {
    expect(recorded.quitCalls).toBe(2)
    expect(recorded.events.slice(-3)).toEqual(['quit', 'quit', 'exit'])
    expect(existsSync(join(dataDir, 'history.json'))).toBe(true)
  })

  it('gives the Linux window the app icon, and one tray', () => {
    if (process.platform === 'linux') expect(recorded.windows[0]?.options.icon).toMatch(/icons[\\/]icon\.png$/)
    expect(recorded.trays).toBe(1)
    expect(recorded.schemes).toEqual(['app'])
    // The tray menu lists the machine's listeners by owner, then show, pause and quit.
    const menu = recorded.trayMenus.at(-1) ?? []
    expect(menu[0]).toMatch(/^\d+ listeners? of \d+ owners?$/)
    expect(menu).toContain('Quit Portolan')
  })
})

describe('the built main process in development', () => {
  it('loads and trusts the electron-vite dev server', async () => {
    const { recorded } = await runMain('dev', {})
    expect(recorded.windows[0]?.loaded).toEqual([DEV_SERVER])
    expect(recorded.checks.snapshotFromDevServer).toMatchObject({ ok: true })
    expect(JSON.stringify(recorded.menus)).toMatch(/toggleDevTools/)
  }, 90_000)
})

describe('a second instance', () => {
  it('quits before building a monitor, a window, a tray or IPC handlers', async () => {
    const { recorded, dataDir } = await runMain('second', { PORTOLAN_FAKE_LOCK: 'taken' })
    expect(recorded.quitCalls).toBe(1)
    expect(recorded).toMatchObject({ windows: [], trays: 0, handlers: [], schemes: [], menus: [] })
    expect(recorded.events).not.toContain('whenReady')
    expect(existsSync(dataDir) ? readdirSync(dataDir) : []).toEqual([])
  }, 90_000)
})
