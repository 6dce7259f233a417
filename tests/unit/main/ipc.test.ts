import type { IpcMainInvokeEvent, WebContents } from 'electron'
import { describe, expect, it, vi } from 'vitest'
import { devServerUrl, isAppUrl } from '../../../src/main/app-origin'
import type { RequestHandlers } from '../../../src/main/core/api'
import { pushTo, registerIpc } from '../../../src/main/ipc'
import { pushChannel, REQUEST_NAMES, requestChannel, type RequestName } from '../../../src/shared/ipc'

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>

function setup() {
  const channels = new Map<string, Handler>()
  const ipcMain = {
    handle: (channel: string, handler: Handler) => void channels.set(channel, handler),
    removeHandler: (channel: string) => void channels.delete(channel),
  }
  const handlers = Object.fromEntries(REQUEST_NAMES.map((name) => [name, vi.fn((...args: unknown[]) => ({ name, args }))])) as unknown as RequestHandlers &
    Record<RequestName, ReturnType<typeof vi.fn>>
  handlers.stopProcess.mockImplementation(() => {
    throw new Error('that listener is no longer listed')
  })
  const log = vi.fn()
  const dispose = registerIpc({ ipcMain, handlers, isTrustedUrl: (url) => isAppUrl(url, undefined), log })
  const invoke = (name: RequestName, url: string, ...args: unknown[]) => channels.get(requestChannel(name))!({ senderFrame: { url } } as IpcMainInvokeEvent, ...args)
  return { channels, handlers, log, dispose, invoke }
}

const APP = 'app://portolan/index.html'

describe('IPC handlers', () => {
  it('registers one handler per request in the contract', () => {
    const { channels } = setup()
    expect([...channels.keys()].sort()).toEqual(REQUEST_NAMES.map(requestChannel).sort())
  })

  it('answers the app page with validated arguments', async () => {
    const { invoke, handlers } = setup()
    await expect(invoke('snapshot', APP)).resolves.toEqual({ name: 'snapshot', args: [] })
    await expect(invoke('story', APP, 1322, 'tcp')).resolves.toEqual({ name: 'story', args: [1322, 'tcp'] })
    await expect(invoke('exportRows', APP, ['a', 'b'], 'csv')).resolves.toMatchObject({ args: [['a', 'b'], 'csv'] })
    await expect(invoke('updateSettings', APP, { pollIntervalMs: 2000 })).resolves.toMatchObject({ args: [{ pollIntervalMs: 2000 }] })
    expect(handlers.story).toHaveBeenCalledTimes(1)
  })

  it.each(['https://evil.example/', 'file:///etc/passwd', '', 'app://other/index.html'])('rejects and logs a sender at %j', async (url) => {
    const { invoke, log, handlers } = setup()
    await expect(invoke('snapshot', url)).rejects.toThrow(/sender not allowed/)
    expect(handlers.snapshot).not.toHaveBeenCalled()
    expect(log).toHaveBeenCalledWith(expect.stringContaining('untrusted sender'))
  })

  it.each<[RequestName, unknown[], RegExp]>([
    ['story', [65536], /between 0 and 65535/],
    ['story', [-1], /between 0 and 65535/],
    ['story', ['80'], /port must be a number/],
    ['story', [80.5], /whole number/],
    ['story', [80, 'icmp'], /tcp or udp/],
    ['story', [80, 'tcp', 'extra'], /./],
    ['story', [], /./],
    ['snapshot', ['x'], /./],
    ['stopProcess', ['tcp|0.0.0.0|22|1', { force: true, pid: 1 }], /./],
    ['stopProcess', [{ pid: 1 }, { force: false }], /row id must be text/],
    ['exportRows', [['a'], 'xml'], /csv or json/],
    ['updateSettings', [{ pollIntervalMs: 1 }], /at least 250 ms/],
    ['updateRegistry', ['file:///etc/passwd'], /https URL/],
    ['updateRegistry', ['http://registry.example/file.xml'], /https URL/],
    ['setPaused', ['yes'], /true or false/],
  ])('rejects %s%j with a clear error, never calling the handler', async (name, args, message) => {
    const { invoke, log, handlers } = setup()
    await expect(invoke(name, APP, ...args)).rejects.toThrow(message)
    expect(handlers[name]).not.toHaveBeenCalled()
    expect(log).toHaveBeenCalled()
  })

  it('turns a handler’s failure into a rejected answer and a log line', async () => {
    const { invoke, log } = setup()
    await expect(invoke('stopProcess', APP, 'tcp|0.0.0.0|22|1', { force: false })).rejects.toThrow(/no longer listed/)
    expect(log).toHaveBeenCalledWith(expect.stringContaining('stopProcess failed'))
  })

  it('removes its handlers when disposed', () => {
    const { dispose, channels } = setup()
    dispose()
    expect(channels.size).toBe(0)
  })
})

describe('pushTo', () => {
  it('sends only to the app’s own, live pages', () => {
    const sent: [string, string, unknown][] = []
    const page = (url: string, destroyed = false) =>
      ({ isDestroyed: () => destroyed, getURL: () => url, send: (c: string, p: unknown) => sent.push([url, c, p]) }) as unknown as WebContents
    pushTo([page(APP), page('https://evil.example/'), page(APP, true)], (url) => isAppUrl(url, undefined), 'delta', { seq: 4, added: [], changed: [], removed: [] })
    expect(sent).toEqual([[APP, pushChannel('delta'), { seq: 4, added: [], changed: [], removed: [] }]])
  })
})

describe('devServerUrl', () => {
  it('is taken from ELECTRON_RENDERER_URL only while the app is not packaged', () => {
    expect(devServerUrl(false, { ELECTRON_RENDERER_URL: 'http://localhost:5173' })).toBe('http://localhost:5173')
    expect(devServerUrl(true, { ELECTRON_RENDERER_URL: 'http://localhost:5173' })).toBeUndefined()
    expect(devServerUrl(false, {})).toBeUndefined()
  })
})

describe('isAppUrl', () => {
  it('accepts the app origin and the dev server only', () => {
    expect(isAppUrl('app://portolan/index.html', undefined)).toBe(true)
    expect(isAppUrl('app://portolan.evil/index.html', undefined)).toBe(false)
    expect(isAppUrl('http://localhost:5173/', undefined)).toBe(false)
    expect(isAppUrl('http://localhost:5173/x', 'http://localhost:5173')).toBe(true)
    expect(isAppUrl('http://localhost:5174/x', 'http://localhost:5173')).toBe(false)
    expect(isAppUrl('not a url', undefined)).toBe(false)
  })
})
