// window.portolan for the web preview: the PortolanApi over the preview server's WebSocket.
// Served as a module script ahead of the app's, so the API exists before the app runs.
// Browser-only; typechecked with the renderer (tsconfig.web.json), compiled on the fly by the server.
import type { PortolanApi, Unsubscribe } from '../../../src/shared/ipc'
import type { Delta, MonitorStatus } from '../../../src/shared/row'
import type { BridgeCall, BridgeCallMessage, BridgeMessage, BridgeMethod, BridgeResults } from '../bridge-protocol'

// Values, not imports: this file is served alone, so it must not import anything at run time.
declare const BRIDGE_SOCKET_PATH: string
declare const TOKEN_FRAGMENT_KEY: string

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
  const deltaListeners = new Set<(delta: Delta) => void>()
  const statusListeners = new Set<(status: MonitorStatus) => void>()
  let nextId = 1

  socket.addEventListener('message', (event: MessageEvent<string>) => {
    const message = JSON.parse(event.data) as BridgeMessage
    if (message.kind === 'delta') for (const cb of deltaListeners) cb(message.delta)
    else if (message.kind === 'status') for (const cb of statusListeners) cb(message.status)
    else if (message.id !== null) {
      const call = pending.get(message.id)
      pending.delete(message.id)
      if (message.kind === 'reply') call?.resolve(message.result)
      else call?.reject(new Error(message.error))
    } else if (message.kind === 'error') console.warn(`portolan preview bridge: ${message.error}`)
  })
  socket.addEventListener('close', () => {
    for (const call of pending.values()) call.reject(new Error('the preview bridge closed'))
    pending.clear()
  })

  async function call<M extends BridgeMethod>(method: M, params: Extract<BridgeCall, { method: M }>['params']): Promise<BridgeResults[M]> {
    await opened
    const id = nextId++
    const request = { token, id, method, params } as BridgeCallMessage
    return new Promise<BridgeResults[M]>((resolve, reject) => {
      pending.set(id, { resolve: (result) => resolve(result as BridgeResults[M]), reject })
      socket.send(JSON.stringify(request))
    })
  }

  function listen<T>(listeners: Set<(value: T) => void>, cb: (value: T) => void): Unsubscribe {
    listeners.add(cb)
    return () => {
      listeners.delete(cb)
    }
  }

  const api: PortolanApi = {
    snapshot: () => call('snapshot', []),
    onDelta: (cb) => listen(deltaListeners, cb),
    onStatus: (cb) => listen(statusListeners, cb),
    story: (port, protocol) => call('story', protocol === undefined ? [port] : [port, protocol]),
  }
  Object.defineProperty(window, 'portolan', { value: Object.freeze(api), enumerable: true })
}

installBridge()
