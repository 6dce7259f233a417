import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { fileURLToPath } from 'node:url'
import * as v from 'valibot'
import { WebSocket, WebSocketServer, type RawData } from 'ws'
import { toNotice, type AlertBatch } from '../../src/main/core/alerts'
import { answerRequest, type RequestHandlers } from '../../src/main/core/api'
import { CONTENT_SECURITY_POLICY } from '../../src/shared/csp'
import type { PushName, PushPayload, RequestName, Unsubscribe } from '../../src/shared/ipc'
import type { Delta, MonitorStatus, Protocol, Snapshot } from '../../src/shared/row'
import type { Settings } from '../../src/shared/settings'
import type { Story } from '../../src/shared/story'
import { describeIssues } from '../../src/shared/validate'
import {
  BRIDGE_SCRIPT_PATH,
  BRIDGE_SOCKET_PATH,
  BridgeRequestSchema,
  MAX_MESSAGE_BYTES,
  RequestIdSchema,
  TOKEN_FRAGMENT_KEY,
  type BridgeMessage,
} from './bridge-protocol'
import { bridgeClientScript, contentTypeOf, loadRendererFiles, withBridgeScript } from './renderer-files'

/** A WebSocket message's text, whichever shape ws hands it over in (one Buffer, fragments, an ArrayBuffer). */
export function messageText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8')
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8')
  return Buffer.from(data).toString('utf8')
}

/** What the bridge needs from the monitor: the app's services (preview-host.ts previewCoreOf), or a scripted stand-in. */
export interface PreviewCore {
  snapshot(): Snapshot
  story(port: number, protocol?: Protocol): Story
  onDelta(cb: (delta: Delta) => void): Unsubscribe
  onStatus(cb: (status: MonitorStatus) => void): Unsubscribe
  onSettings?(cb: (settings: Settings) => void): Unsubscribe
  onAlert?(cb: (batch: AlertBatch) => void): Unsubscribe
}

export interface PreviewServerOptions {
  core: PreviewCore
  /** The answers to page requests (core/api.ts requestHandlers); snapshot and story from `core` when omitted. */
  handlers?: Partial<RequestHandlers>
  /** 0 picks a free port. */
  port?: number
  /** The built renderer; defaults to out/renderer of this repository. */
  rendererDir?: string
  log?: (message: string) => void
}

export interface PreviewServer {
  /** The page to open, token included (in the fragment). */
  url: string
  origin: string
  close(): Promise<void>
}

const HOST = '127.0.0.1'
const DEFAULT_RENDERER_DIR = fileURLToPath(new URL('../../out/renderer', import.meta.url))

/** The request's URL, or null when it does not parse (it must never throw in a handler). */
function requestUrl(req: IncomingMessage, origin: string): URL | null {
  try {
    return new URL(req.url ?? '/', origin)
  } catch {
    return null
  }
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

/**
 * Serves the built renderer on loopback with window.portolan bridged to `core` over a WebSocket.
 * Every request must come to 127.0.0.1:<port> (no DNS rebinding), every socket from the page's own
 * origin with the token, every message must validate; anything else is refused without harm.
 */
export async function startPreviewServer(options: PreviewServerOptions): Promise<PreviewServer> {
  const log = options.log ?? ((message: string) => console.warn(message))
  const rendererDir = options.rendererDir ?? DEFAULT_RENDERER_DIR
  const files = await loadRendererFiles(rendererDir).catch(() => new Map<string, Buffer>())
  const builtIndex = files.get('/index.html')
  if (!builtIndex) throw new Error(`no built renderer at ${rendererDir}: run \`npx electron-vite build\` first`)
  const indexHtml = Buffer.from(withBridgeScript(builtIndex.toString('utf8')))
  const clientScript = Buffer.from(bridgeClientScript())
  const token = randomBytes(24).toString('base64url')

  const server = createServer()
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, HOST, () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const origin = `http://${HOST}:${port}`
  const host = `${HOST}:${port}`

  const securityHeaders = {
    // The header the Electron app:// handler sends; the page's <meta> carries the same policy.
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  }
  const send = (res: ServerResponse, status: number, body: Buffer | string, contentType: string) => {
    res.writeHead(status, { ...securityHeaders, 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) })
    res.end(body)
  }

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (req.headers.host !== host) return send(res, 421, 'wrong host\n', 'text/plain; charset=utf-8')
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed\n', 'text/plain; charset=utf-8')
    const path = requestUrl(req, origin)?.pathname
    if (path === undefined) return send(res, 400, 'bad request\n', 'text/plain; charset=utf-8')
    if (path === '/' || path === '/index.html') return send(res, 200, indexHtml, contentTypeOf('index.html'))
    if (path === BRIDGE_SCRIPT_PATH) return send(res, 200, clientScript, contentTypeOf('bridge.js'))
    const file = files.get(path)
    if (!file) return send(res, 404, 'not found\n', 'text/plain; charset=utf-8')
    send(res, 200, file, contentTypeOf(path))
  })

  const refuseUpgrade = (socket: Duplex, status: string, why: string) => {
    log(`preview: refused a bridge connection: ${why}`)
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
  }
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy())
    const url = requestUrl(req, origin)
    if (url?.pathname !== BRIDGE_SOCKET_PATH) return refuseUpgrade(socket, '404 Not Found', `path ${url?.pathname}`)
    if (req.headers.host !== host) return refuseUpgrade(socket, '403 Forbidden', `host ${req.headers.host}`)
    if (req.headers.origin !== origin) return refuseUpgrade(socket, '403 Forbidden', `origin ${req.headers.origin}`)
    if (!sameSecret(url.searchParams.get(TOKEN_FRAGMENT_KEY) ?? '', token)) return refuseUpgrade(socket, '403 Forbidden', 'bad token')
    sockets.handleUpgrade(req, socket, head, (client) => sockets.emit('connection', client))
  })

  const sendMessage = (client: WebSocket, message: BridgeMessage | string) => {
    if (client.readyState === WebSocket.OPEN) client.send(typeof message === 'string' ? message : JSON.stringify(message))
  }
  const handlers: Partial<RequestHandlers> = options.handlers ?? {
    snapshot: () => options.core.snapshot(),
    story: (port, protocol) => options.core.story(port, protocol),
  }
  const answer = async (id: number, method: RequestName, params: unknown[]): Promise<BridgeMessage> => {
    const handler = handlers[method]
    if (!handler) return { kind: 'error', id, error: `${method} is not available in the web preview` }
    const answered = await answerRequest(handler, method, params)
    if (answered.ok) return { kind: 'reply', id, result: answered.result }
    return { kind: 'error', id, error: answered.why === 'invalid' ? `${method}: ${answered.message}` : answered.message }
  }
  const onMessage = (client: WebSocket, data: RawData, isBinary: boolean) => {
    const refuse = (error: string, id: number | null = null) => {
      log(`preview: rejected a bridge message: ${error}`)
      sendMessage(client, { kind: 'error', id, error })
    }
    if (isBinary) return refuse('binary messages are not accepted')
    let parsed: unknown
    try {
      parsed = JSON.parse(messageText(data))
    } catch {
      return refuse('not JSON')
    }
    const result = v.safeParse(BridgeRequestSchema, parsed)
    const claimedId = typeof parsed === 'object' && parsed !== null && 'id' in parsed ? parsed.id : null
    const id = v.is(RequestIdSchema, claimedId) ? claimedId : null
    if (!result.success) return refuse(describeIssues(result.issues), id)
    if (!sameSecret(result.output.token, token)) return refuse('bad token', id)
    void answer(result.output.id, result.output.method, result.output.params).then((reply) => sendMessage(client, reply))
  }
  sockets.on('connection', (client: WebSocket) => {
    client.on('error', (error) => log(`preview: bridge socket: ${error.message}`))
    client.on('message', (data, isBinary) => onMessage(client, data, isBinary))
  })

  // Serialized once, sent to every page, in the order the monitor emits them.
  const broadcast = <N extends PushName>(name: N, payload: PushPayload<N>) => {
    const text = JSON.stringify({ kind: 'push', name, payload } satisfies BridgeMessage)
    for (const client of sockets.clients) sendMessage(client, text)
  }
  const offDelta = options.core.onDelta((delta) => broadcast('delta', delta))
  const offStatus = options.core.onStatus((status) => broadcast('status', status))
  const offSettings = options.core.onSettings?.((settings) => broadcast('settings', settings))
  const offAlert = options.core.onAlert?.((batch) => broadcast('alert', toNotice(batch)))

  return {
    url: `${origin}/index.html#${TOKEN_FRAGMENT_KEY}=${token}`,
    origin,
    close: async () => {
      offDelta()
      offStatus()
      offSettings?.()
      offAlert?.()
      for (const client of sockets.clients) client.terminate()
      sockets.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
