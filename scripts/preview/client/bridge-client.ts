// window.portolan for the web preview: the PortolanApi over the preview server's WebSocket.
// Served as a module script ahead of the app's, so the API exists before the app runs.
// Browser-only; typechecked with the renderer (tsconfig.web.json), compiled on the fly by the server.
import type { PortolanApi, PushName, RequestName, Unsubscribe } from '../../../src/shared/ipc'
import type { BridgeCallMessage, BridgeMessage } from '../bridge-protocol'

// Values, not imports: this file is served alone, so the server puts these in front of it.
declare const BRIDGE_SOCKET_PATH: string
declare const TOKEN_FRAGMENT_KEY: string
declare const REQUEST_NAMES: readonly RequestName[]
declare const PUSH_NAMES: readonly PushName[]
/** onDelta for "delta" (shared/ipc.ts subscriberName). */
declare const SUBSCRIBER_NAMES: Readonly<Record<PushName, string>>

interface Pending {
  resolve(result: unknown): void
  reject(error: Error): void
}

function installBridge(): void {
  const token = new URLSearchParams(location.hash.slice(1)).get(TOKEN_FRAGMENT_KEY) ?? ''
  const socket = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${BRIDGE_SOCKET_PATH}?${TOKEN_FRAGMENT_KEY}=${encodeURIComponent(token)}`)
  const opened = new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve())
    socket.addEventListener('close', () => reject(new Error('the preview bridge is closed (restart preview:web and reload)')))
  })
  opened.catch(() => undefined)
  const pending = new Map<number, Pending>()
  const listeners = new Map<PushName, Set<(payload: unknown) => void>>(PUSH_NAMES.map((name) => [name, new Set()]))
  let nextId = 1

  socket.addEventListener('message', (event: MessageEvent<string>) => {
    const message = JSON.parse(event.data) as BridgeMessage
    if (message.kind === 'push') {
      for (const cb of listeners.get(message.name) ?? []) cb(message.payload)
    } else if (message.id !== null) {
      const call = pending.get(message.id)
      pending.delete(message.id)
      if (message.kind === 'reply') call?.resolve(message.result)
      else call?.reject(new Error(message.error))
    } else if (message.kind === 'error') {
      console.warn(`portolan preview bridge: ${message.error}`)
    }
  })
  socket.addEventListener('close', () => {
    for (const call of pending.values()) call.reject(new Error('the preview bridge closed'))
    pending.clear()
  })

  async function call(method: RequestName, args: unknown[]): Promise<unknown> {
    await opened
    // JSON turns undefined into null: leave trailing absent arguments out, as IPC would.
    const params = [...args]
    while (params.length > 0 && params[params.length - 1] === undefined) params.pop()
    const id = nextId++
    const request: BridgeCallMessage = { token, id, method, params }
    return new Promise<unknown>((resolve, reject) => {
      pending.set(id, { resolve, reject })
      socket.send(JSON.stringify(request))
    })
  }

  const api: Record<string, unknown> = {}
  for (const method of REQUEST_NAMES) api[method] = (...args: unknown[]) => call(method, args)
  for (const push of PUSH_NAMES) {
    api[SUBSCRIBER_NAMES[push]] = (cb: (payload: unknown) => void): Unsubscribe => {
      listeners.get(push)?.add(cb)
      return () => {
        listeners.get(push)?.delete(cb)
      }
    }
  }
  // Built from the same tables as the preload's API, so every method exists; the server decides which work here.
  Object.defineProperty(window, 'portolan', { value: Object.freeze(api as unknown as PortolanApi), enumerable: true })
}

installBridge()
