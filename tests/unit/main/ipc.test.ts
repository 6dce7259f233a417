import type { IpcMainInvokeEvent, WebContents } from 'electron'
import { describe, expect, it, vi } from 'vitest'
import { registerIpc } from '../../../src/main/ipc'
import { isAppUrl } from '../../../src/main/app-origin'
import { IpcChannel } from '../../../src/shared/ipc'
import type { Delta, MonitorStatus, Snapshot } from '../../../src/shared/row'

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown

function setup() {
  const handlers = new Map<string, Handler>()
  const ipcMain = {
    handle: (channel: string, handler: Handler) => void handlers.set(channel, handler),
    removeHandler: (channel: string) => void handlers.delete(channel),
  }
  let deltaListener: ((d: Delta) => void) | null = null
  const snapshot: Snapshot = { seq: 3, rows: [], status: { state: 'ok' } as MonitorStatus }
  const core = {
    snapshot: vi.fn(() => snapshot),
    story: vi.fn((port: number, protocol?: string) => ({ port, protocol })),
    onDelta: (cb: (d: Delta) => void) => ((deltaListener = cb), () => (deltaListener = null)),
    onStatus: () => () => undefined,
  }
  const sent: [string, unknown][] = []
  const page = { isDestroyed: () => false, getURL: () => 'app://portolan/index.html', send: (c: string, p: unknown) => sent.push([c, p]) }
  const foreign = { isDestroyed: () => false, getURL: () => 'https://evil.example/', send: (c: string, p: unknown) => sent.push([`foreign:${c}`, p]) }
  const log = vi.fn()
  const dispose = registerIpc({
    ipcMain: ipcMain as never,
    core: core as never,
    isTrustedUrl: (url) => isAppUrl(url, undefined),
    targets: () => [page, foreign] as unknown as WebContents[],
    log,
  })
  const invoke = (channel: string, url: string, ...args: unknown[]) =>
    Promise.resolve().then(() => handlers.get(channel)!({ senderFrame: { url } } as IpcMainInvokeEvent, ...args))
  return { handlers, core, sent, log, dispose, invoke, emitDelta: (d: Delta) => deltaListener?.(d) }
}

const APP = 'app://portolan/index.html'

describe('IPC handlers', () => {
  it('answers the app page', async () => {
    const { invoke, core } = setup()
    await expect(invoke(IpcChannel.snapshot, APP)).resolves.toMatchObject({ seq: 3 })
    await expect(invoke(IpcChannel.story, APP, 1322, 'tcp')).resolves.toEqual({ port: 1322, protocol: 'tcp' })
    await expect(invoke(IpcChannel.story, APP, 0)).resolves.toEqual({ port: 0, protocol: undefined })
    expect(core.story).toHaveBeenCalledTimes(2)
  })

  it.each(['https://evil.example/', 'file:///etc/passwd', '', 'app://other/index.html'])('rejects and logs a sender at %j', async (url) => {
    const { invoke, log, core } = setup()
    await expect(invoke(IpcChannel.snapshot, url)).rejects.toThrow(/sender not allowed/)
    expect(core.snapshot).not.toHaveBeenCalled()
    expect(log).toHaveBeenCalledWith(expect.stringContaining('untrusted sender'))
  })

  it.each<[unknown[], RegExp]>([
    [[65536], /between 0 and 65535/],
    [[-1], /between 0 and 65535/],
    [['80'], /port must be a number/],
    [[80.5], /whole number/],
    [[80, 'icmp'], /tcp or udp/],
    [[80, 'tcp', 'extra'], /./],
    [[], /./],
    [[{ port: 80 }], /./],
  ])('rejects story payload %j with a clear error', async (args, message) => {
    const { invoke, log, core } = setup()
    await expect(invoke(IpcChannel.story, APP, ...args)).rejects.toThrow(message)
    expect(core.story).not.toHaveBeenCalled()
    expect(log).toHaveBeenCalled()
  })

  it('rejects arguments to snapshot', async () => {
    const { invoke } = setup()
    await expect(invoke(IpcChannel.snapshot, APP, 'x')).rejects.toThrow(/takes no arguments/)
  })

  it('pushes deltas only to the app’s own pages', () => {
    const { emitDelta, sent } = setup()
    const delta: Delta = { seq: 4, added: [], changed: [], removed: ['x'] }
    emitDelta(delta)
    expect(sent).toEqual([[IpcChannel.delta, delta]])
  })

  it('removes its handlers when disposed', () => {
    const { dispose, handlers } = setup()
    dispose()
    expect(handlers.size).toBe(0)
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
