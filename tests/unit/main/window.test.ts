import { assert, beforeEach, describe, expect, it, vi } from 'vitest'

type Listener = (...args: unknown[]) => void
type OpenHandler = (details: { url: string }) => unknown
const created: { options: Record<string, unknown>; events: Map<string, Listener>; loaded: string[]; openHandler: OpenHandler | null }[] = []
const opened: string[] = []

vi.mock('electron', () => {
  class FakeBrowserWindow {
    webContents: Record<string, unknown>
    constructor(options: Record<string, unknown>) {
      const record = { options, events: new Map<string, Listener>(), loaded: [] as string[], openHandler: null as OpenHandler | null }
      created.push(record)
      this.webContents = {
        setWindowOpenHandler: (handler: OpenHandler) => (record.openHandler = handler),
        on: (event: string, listener: Listener) => record.events.set(event, listener),
      }
      this.loadURL = (url: string) => (record.loaded.push(url), Promise.resolve())
    }
    loadURL: (url: string) => Promise<void>
    once() {}
  }
  return { BrowserWindow: FakeBrowserWindow, session: { defaultSession: {} }, shell: { openExternal: (url: string) => (opened.push(url), Promise.resolve()) } }
})

const { createMainWindow, denyAllPermissions } = await import('../../../src/main/window')

beforeEach(() => {
  created.length = 0
  opened.length = 0
  delete process.env.ELECTRON_RENDERER_URL
})

/** The `index`th window created, failing the test when there was none. */
function windowAt(index: number): (typeof created)[number] {
  const window = created[index]
  assert(window, `createMainWindow made ${created.length} window(s), not ${index + 1}`)
  return window
}

describe('createMainWindow', () => {
  it('sets every security preference explicitly', () => {
    createMainWindow()
    const prefs = windowAt(0).options.webPreferences as Record<string, unknown>
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
    })
    expect(String(prefs.preload)).toMatch(/preload[\\/]index\.js$/)
  })

  it('loads the page from app://, never file://', () => {
    createMainWindow()
    expect(created[0]?.loaded).toEqual(['app://portolan/index.html'])
  })

  it('loads the dev server, and trusts its origin, only when given one', () => {
    createMainWindow({ devServer: 'http://localhost:5173' })
    expect(created[0]?.loaded).toEqual(['http://localhost:5173'])
    const preventDefault = vi.fn()
    windowAt(0).events.get('will-navigate')!({ preventDefault }, 'http://localhost:5173/index.html')
    expect(preventDefault).not.toHaveBeenCalled()
    process.env.ELECTRON_RENDERER_URL = 'http://localhost:5173'
    createMainWindow()
    expect(created[1]?.loaded).toEqual(['app://portolan/index.html'])
    windowAt(1).events.get('will-navigate')!({ preventDefault }, 'http://localhost:5173/index.html')
    expect(preventDefault).toHaveBeenCalledTimes(1)
  })

  it('denies new windows, foreign navigation and webviews', () => {
    createMainWindow()
    const { openHandler, events } = windowAt(0)
    expect(openHandler?.({ url: 'https://www.rfc-editor.org/rfc/rfc6335' })).toEqual({ action: 'deny' })
    expect(openHandler?.({ url: 'http://evil.example/' })).toEqual({ action: 'deny' })
    expect(openHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' })
    expect(opened).toEqual(['https://www.rfc-editor.org/rfc/rfc6335'])
    for (const [event, url, blocked] of [
      ['will-navigate', 'https://evil.example/', true],
      ['will-navigate', 'file:///etc/passwd', true],
      ['will-navigate', 'app://portolan/index.html', false],
      ['will-redirect', 'http://127.0.0.1:1/', true],
    ] as const) {
      const preventDefault = vi.fn()
      events.get(event)!({ preventDefault }, url)
      expect(preventDefault.mock.calls.length, `${event} ${url}`).toBe(blocked ? 1 : 0)
    }
    const preventDefault = vi.fn()
    events.get('will-attach-webview')!({ preventDefault })
    expect(preventDefault).toHaveBeenCalled()
  })
})

describe('denyAllPermissions', () => {
  it('answers every permission request and check with no, except writing to the clipboard', () => {
    let request: ((c: unknown, p: string, cb: (ok: boolean) => void) => void) | null = null
    let check: ((c: unknown, p: string) => boolean) | null = null
    denyAllPermissions({
      setPermissionRequestHandler: (h: typeof request) => (request = h),
      setPermissionCheckHandler: (h: typeof check) => (check = h),
    } as never)
    const callback = vi.fn()
    for (const permission of ['notifications', 'media', 'geolocation', 'clipboard-read', 'openExternal']) request!(null, permission, callback)
    expect(callback.mock.calls.every(([ok]) => ok === false)).toBe(true)
    expect(check!(null, 'media')).toBe(false)
    request!(null, 'clipboard-sanitized-write', callback)
    expect(callback).toHaveBeenLastCalledWith(true)
    expect(check!(null, 'clipboard-sanitized-write')).toBe(true)
  })
})
