import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A running container as GET /containers/json lists it (Docker Engine API v1.4x), trimmed of networks and mounts. */
export const CONTAINER_LIST = [
  {
    Id: '8dfafdbc3a40b3c1f0ad5e9e7a4d1f1c2b3a4d5e6f7a8b9c0d1e2f3a4b5c6d7e',
    Names: ['/web-frontend'],
    Image: 'nginx:1.27-alpine',
    ImageID: 'sha256:d74508fb6632491cea586a1fd7d748dfc5274cd6fdfedee309ecdcbc2bf5cb82',
    Command: '/docker-entrypoint.sh nginx -g \'daemon off;\'',
    Created: 1732579200,
    State: 'running',
    Status: 'Up 2 hours',
    Ports: [
      { IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
      { IP: '::', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
      { PrivatePort: 443, Type: 'tcp' },
    ],
    Labels: { 'com.docker.compose.project': 'shop' },
    HostConfig: { NetworkMode: 'bridge' },
  },
  {
    Id: '1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6',
    Names: ['/shop-db-1'],
    Image: 'postgres:16',
    ImageID: 'sha256:0a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5',
    Command: 'docker-entrypoint.sh postgres',
    Created: 1732579100,
    State: 'running',
    Status: 'Up 2 hours (healthy)',
    Ports: [{ IP: '127.0.0.1', PrivatePort: 5432, PublicPort: 15432, Type: 'tcp' }],
    Labels: {},
    HostConfig: { NetworkMode: 'shop_default' },
  },
  {
    Id: '9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0',
    Names: ['/dns-cache'],
    Image: 'coredns/coredns:1.11.1',
    ImageID: 'sha256:9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0',
    Command: '/coredns',
    Created: 1732579000,
    State: 'running',
    Status: 'Up 2 hours',
    Ports: [{ IP: '0.0.0.0', PrivatePort: 53, PublicPort: 5353, Type: 'udp' }],
    Labels: {},
    HostConfig: { NetworkMode: 'bridge' },
  },
]

export interface FakeDocker {
  socketPath: string
  /** Paths requested so far, in order. */
  requests: string[]
  close(): Promise<void>
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void

/** A node:http server on a Unix socket in a fresh temp dir, standing in for the Docker Engine. */
export async function startFakeDocker(handler: Handler): Promise<FakeDocker> {
  const dir = mkdtempSync(join(tmpdir(), 'portolan-docker-'))
  const socketPath = join(dir, 'docker.sock')
  const requests: string[] = []
  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? '')
    handler(req, res)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(socketPath, () => resolve())
  })
  return {
    socketPath,
    requests,
    close: async () => {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** Answers like a Docker Engine: the container list on /containers/json, 404 elsewhere. */
export function dockerEngine(list: unknown = CONTAINER_LIST): Handler {
  return (req, res) => {
    if (req.method === 'GET' && req.url?.split('?')[0] === '/containers/json') {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Api-Version': '1.47' })
      res.end(JSON.stringify(list))
    } else {
      res.writeHead(404, { 'Content-Type': 'application/json' })
      res.end(JSON.stringify({ message: 'page not found' }))
    }
  }
}

/** Accepts the request and never answers. */
export const neverAnswers: Handler = () => undefined

export function missingSocketPath(): string {
  return join(tmpdir(), `portolan-no-docker-${process.pid}-${Date.now()}`, 'docker.sock')
}
