import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { BRIDGE_SCRIPT_PATH, BRIDGE_SOCKET_PATH, MAX_MESSAGE_BYTES, type BridgeMessage } from '../../scripts/preview/bridge-protocol'
import { messageText, startPreviewServer, type PreviewServer } from '../../scripts/preview/bridge-server'
import { ScriptedCore, syntheticRows } from '../../scripts/preview/scripted-core'
import { CONTENT_SECURITY_POLICY, META_CONTENT_SECURITY_POLICY } from '../../src/shared/csp'
import type { Story } from '../../src/shared/story'

// The preview server on its own (no browser): what it serves, and what it refuses.

const INDEX_HTML = `<!doctype html><html><head>
<meta http-equiv="Content-Security-Policy" content="${META_CONTENT_SECURITY_POLICY}">
<script type="module" crossorigin src="./assets/app.js"></script>
</head><body><div id="root"></div></body></html>`

interface HttpAnswer {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

function httpGet(origin: string, path: string, options: { host?: string; method?: string } = {}): Promise<HttpAnswer> {
  const url = new URL(origin)
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method: options.method ?? 'GET', headers: options.host ? { host: options.host } : {} }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

/** A bridge client that hands back messages in order, skipping pushed status updates. */
class TestClient {
  private readonly queue: BridgeMessage[] = []
  private readonly waiters: ((message: BridgeMessage) => void)[] = []
  readonly closed: Promise<number>

  constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const message = JSON.parse(messageText(data)) as BridgeMessage
      if (message.kind === 'push' && message.name === 'status') return
      const waiter = this.waiters.shift()
      if (waiter) waiter(message)
      else this.queue.push(message)
    })
    this.closed = new Promise((resolve) => socket.on('close', (code) => resolve(code)))
  }

  next(): Promise<BridgeMessage> {
    const queued = this.queue.shift()
    return queued ? Promise.resolve(queued) : new Promise((resolve) => this.waiters.push(resolve))
  }

  async ask(payload: unknown): Promise<BridgeMessage> {
    this.socket.send(typeof payload === 'string' ? payload : JSON.stringify(payload))
    return this.next()
  }
}

function socketUrl(server: PreviewServer, token: string): string {
  return `${server.origin.replace('http:', 'ws:')}${BRIDGE_SOCKET_PATH}?token=${encodeURIComponent(token)}`
}

function tokenOf(server: PreviewServer): string {
  return new URLSearchParams(new URL(server.url).hash.slice(1)).get('token') ?? ''
}

/** Opens a socket; resolves with the client, or rejects with the HTTP status of a refused upgrade. */
function connect(url: string, origin: string): Promise<TestClient> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { origin })
    socket.once('open', () => resolve(new TestClient(socket)))
    socket.once('unexpected-response', (_req, res) => reject(new Error(`refused with ${res.statusCode}`)))
    socket.once('error', reject)
  })
}

describe('preview bridge server', () => {
  let rendererDir: string
  let core: ScriptedCore
  let server: PreviewServer
  let token: string

  beforeAll(async () => {
    rendererDir = await mkdtemp(join(tmpdir(), 'portolan-renderer-'))
    await writeFile(join(rendererDir, 'index.html'), INDEX_HTML)
    core = new ScriptedCore({
      rows: syntheticRows(3),
      story: (port, protocol) => ({ port, protocol: protocol ?? null, title: `Port ${port}` }) as Story,
    })
    server = await startPreviewServer({ core, port: 0, rendererDir, log: () => undefined })
    token = tokenOf(server)
  })

  afterAll(async () => {
    await server?.close()
    await rm(rendererDir, { recursive: true, force: true })
  })

  it('prints a loopback URL with the token in its fragment', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/index\.html#token=[\w-]{20,}$/)
  })

  it('serves the page with its CSP as a header and the bridge client ahead of the app script', async () => {
    const page = await httpGet(server.origin, '/index.html')
    expect(page.status).toBe(200)
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY)
    expect(page.headers['x-content-type-options']).toBe('nosniff')
    expect(page.body.indexOf(BRIDGE_SCRIPT_PATH)).toBeGreaterThan(0)
    expect(page.body.indexOf(BRIDGE_SCRIPT_PATH)).toBeLessThan(page.body.indexOf('./assets/app.js'))

    const client = await httpGet(server.origin, BRIDGE_SCRIPT_PATH)
    expect(client.status).toBe(200)
    expect(client.headers['content-type']).toMatch(/^text\/javascript/)
    expect(client.body).toContain('window')
    expect(client.body).not.toContain(token)
  })

  it('refuses other hosts, other methods and paths outside the build', async () => {
    expect((await httpGet(server.origin, '/index.html', { host: 'attacker.example' })).status).toBe(421)
    expect((await httpGet(server.origin, '/index.html', { method: 'POST' })).status).toBe(405)
    for (const path of ['/..%2f..%2fpackage.json', '/%2e%2e/%2e%2e/etc/passwd', '/assets/../../../etc/passwd', '/nothing.js', '/%00']) {
      expect((await httpGet(server.origin, path)).status, path).toBe(404)
    }
  })

  it('refuses a socket from another origin or without the token', async () => {
    await expect(connect(socketUrl(server, token), 'http://attacker.example')).rejects.toThrow('refused with 403')
    await expect(connect(socketUrl(server, 'wrong'), server.origin)).rejects.toThrow('refused with 403')
    await expect(connect(socketUrl(server, ''), server.origin)).rejects.toThrow('refused with 403')
  })

  it('answers snapshot and story, and pushes deltas in order', async () => {
    const client = await connect(socketUrl(server, token), server.origin)
    const snapshot = await client.ask({ token, id: 1, method: 'snapshot', params: [] })
    expect(snapshot).toMatchObject({ kind: 'reply', id: 1, result: { seq: 0 } })
    expect(await client.ask({ token, id: 2, method: 'story', params: [53, 'udp'] })).toMatchObject({ kind: 'reply', id: 2, result: { port: 53, protocol: 'udp' } })
    expect(await client.ask({ token, id: 3, method: 'story', params: [1322] })).toMatchObject({ kind: 'reply', id: 3, result: { port: 1322, protocol: null } })
    core.emit({ added: syntheticRows(1, { firstPort: 9000 }), changed: [], removed: [] })
    expect(await client.next()).toMatchObject({ kind: 'push', name: 'delta', payload: { seq: 1, added: [{ port: 9000 }] } })
    expect(await client.ask({ token, id: 4, method: 'stopProcess', params: ['x', {}] })).toMatchObject({ kind: 'error', id: 4, error: 'stopProcess is not available in the web preview' })
    client.socket.close()
  })

  it('answers every malformed message with an error and keeps serving', async () => {
    const client = await connect(socketUrl(server, token), server.origin)
    const refusals: [unknown, number | null, RegExp][] = [
      ['not json', null, /not JSON/],
      [[1, 2], null, /token/],
      [{ token, id: 4, method: 'kill', params: [] }, 4, /method must be one of snapshot, story/],
      [{ token: 'forged', id: 5, method: 'snapshot', params: [] }, 5, /bad token/],
      [{ id: 6, method: 'snapshot', params: [] }, 6, /token/],
      [{ token, id: 7, method: 'story', params: [70000] }, 7, /port must be between 0 and 65535/],
      [{ token, id: 8, method: 'story', params: [80, 'sctp'] }, 8, /protocol must be tcp or udp/],
      [{ token, id: 9, method: 'story', params: ['80'] }, 9, /port must be a number/],
      [{ token, id: 10, method: 'story', params: [80, 'tcp', 'extra'] }, 10, /./],
      [{ token, id: 11, method: 'snapshot', params: [], extra: true }, 11, /./],
      [{ token, id: -1, method: 'snapshot', params: [] }, null, /./],
    ]
    for (const [payload, id, error] of refusals) {
      const answer = await client.ask(payload)
      expect(answer, JSON.stringify(payload)).toMatchObject({ kind: 'error', id })
      expect(answer.kind === 'error' && answer.error, JSON.stringify(payload)).toMatch(error)
    }
    client.socket.send(Buffer.from([1, 2, 3]), { binary: true })
    expect(await client.next()).toMatchObject({ kind: 'error', id: null, error: 'binary messages are not accepted' })
    expect(await client.ask({ token, id: 12, method: 'snapshot', params: [] })).toMatchObject({ kind: 'reply', id: 12 })

    // Too big: the socket is closed (1009), the server is not.
    client.socket.send('x'.repeat(MAX_MESSAGE_BYTES + 1))
    expect(await client.closed).toBe(1009)
    const again = await connect(socketUrl(server, token), server.origin)
    expect(await again.ask({ token, id: 1, method: 'snapshot', params: [] })).toMatchObject({ kind: 'reply', id: 1 })
    again.socket.close()
  })
})
