import { describe, expect, it, vi } from 'vitest'
import { PUSH_NAMES, pushChannel, REQUEST_NAMES, requestChannel, subscriberName, type PortolanApi } from '../../../src/shared/ipc'

// The preload against a recording stand-in for Electron's ipcRenderer and contextBridge (the real ones
// exist only inside Electron): what it exposes must be exactly the contract's tables.
const electron = vi.hoisted(() => {
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>()
  const exposed = new Map<string, unknown>()
  const invoked: unknown[][] = []
  return {
    listeners,
    exposed,
    invoked,
    ipcRenderer: {
      invoke: (...args: unknown[]) => (invoked.push(args), Promise.resolve(`answer to ${String(args[0])}`)),
      on: (channel: string, listener: (...args: unknown[]) => void) => {
        if (!listeners.has(channel)) listeners.set(channel, new Set())
        listeners.get(channel)!.add(listener)
      },
      removeListener: (channel: string, listener: (...args: unknown[]) => void) => listeners.get(channel)?.delete(listener),
    },
    contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
  }
})
vi.mock('electron', () => ({ ipcRenderer: electron.ipcRenderer, contextBridge: electron.contextBridge }))

await import('../../../src/preload/index')
const api = electron.exposed.get('portolan') as PortolanApi

describe('the preload', () => {
  it('exposes one function per request and one on<Name> per push, nothing else', () => {
    expect([...electron.exposed.keys()]).toEqual(['portolan'])
    expect(Object.keys(api).sort()).toEqual([...REQUEST_NAMES, ...PUSH_NAMES.map(subscriberName)].sort())
  })

  it("sends a request's arguments as they are on its channel and resolves to main's answer", async () => {
    await expect(api.story(1322, 'tcp')).resolves.toBe(`answer to ${requestChannel('story')}`)
    await api.exportRows(['a'], 'csv')
    expect(electron.invoked).toEqual([
      [requestChannel('story'), 1322, 'tcp'],
      [requestChannel('exportRows'), ['a'], 'csv'],
    ])
  })

  it('hands a subscriber only the payload, and unsubscribes', () => {
    const seen: unknown[][] = []
    const off = api.onDelta((...args: unknown[]) => seen.push(args))
    const channel = pushChannel('delta')
    const fakeEvent = { sender: 'the IpcRendererEvent the page must never see' }
    for (const listener of electron.listeners.get(channel) ?? []) listener(fakeEvent, { seq: 1 })
    expect(seen).toEqual([[{ seq: 1 }]])
    off()
    expect(electron.listeners.get(channel)?.size).toBe(0)
  })
})
