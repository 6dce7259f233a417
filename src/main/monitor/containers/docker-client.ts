import { isPort } from '../../../shared/port'
import { request } from 'node:http'

/** The part of a GET /containers/json entry Portolan reads. */
export interface DockerPort {
  IP?: string
  PrivatePort: number
  /** Absent for a port the image exposes but nobody published. */
  PublicPort?: number
  Type: string
}

export interface DockerContainer {
  /** The full 64-hex id; empty when the engine left it out. */
  Id: string
  /** Never empty: a container without a name is skipped when parsed. */
  Names: [string, ...string[]]
  Image: string
  Ports: DockerPort[]
}

/** Bodies larger than this are not a container list we want to parse on every refresh. */
const MAX_BODY_BYTES = 16 * 1024 * 1024

/**
 * GET /containers/json (running containers) from the Docker Engine API on a Unix socket or Windows
 * named pipe. Rejects on a missing socket, a refusal, a non-200 answer, bad JSON or `timeoutMs` passing.
 */
export function listContainers(socketPath: string, timeoutMs: number): Promise<DockerContainer[]> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, path: '/containers/json', method: 'GET', headers: { Host: 'docker' } }, (res) => {
      const chunks: Buffer[] = []
      let size = 0
      res.on('data', (chunk: Buffer) => {
        size += chunk.length
        if (size > MAX_BODY_BYTES) req.destroy(new Error('container list is too large'))
        else chunks.push(chunk)
      })
      res.on('end', () => {
        clearTimeout(timer)
        if (res.statusCode !== 200) return reject(new Error(`Docker answered ${res.statusCode}`))
        try {
          resolve(parseContainers(JSON.parse(Buffer.concat(chunks).toString('utf8'))))
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)))
        }
      })
      res.on('error', reject)
    })
    const timer = setTimeout(() => req.destroy(new Error(`Docker did not answer within ${timeoutMs} ms`)), timeoutMs)
    req.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    req.end()
  })
}

function parsePort(value: unknown): DockerPort | null {
  if (typeof value !== 'object' || value === null) return null
  const p = value as Record<string, unknown>
  if (!isPort(p.PrivatePort) || typeof p.Type !== 'string') return null
  return {
    IP: typeof p.IP === 'string' ? p.IP : undefined,
    PrivatePort: p.PrivatePort,
    PublicPort: isPort(p.PublicPort) ? p.PublicPort : undefined,
    Type: p.Type,
  }
}

/** Keeps the well-formed entries of a container list; anything else is skipped, not trusted. */
export function parseContainers(value: unknown): DockerContainer[] {
  if (!Array.isArray(value)) throw new Error('Docker returned no container list')
  const containers: DockerContainer[] = []
  for (const entry of value as unknown[]) {
    if (typeof entry !== 'object' || entry === null) continue
    const c = entry as Record<string, unknown>
    const [name, ...aliases] = Array.isArray(c.Names) ? c.Names.filter((n): n is string => typeof n === 'string') : []
    if (typeof c.Image !== 'string' || name === undefined) continue
    const ports = Array.isArray(c.Ports) ? c.Ports.map(parsePort).filter((p): p is DockerPort => p !== null) : []
    containers.push({ Id: typeof c.Id === 'string' ? c.Id : '', Names: [name, ...aliases], Image: c.Image, Ports: ports })
  }
  return containers
}

export type ContainerStopAnswer = 'stopped' | 'already-stopped' | 'missing'

/** Seconds Docker gives the container's main process after SIGTERM before it kills it (its own default is 10). */
export const CONTAINER_STOP_GRACE_S = 10

/**
 * POST /containers/{id}/stop: 204 stopped, 304 already stopped, 404 no such container; anything else rejects.
 * The engine answers only once the container has stopped, so the timeout covers its grace period.
 */
export function stopContainer(socketPath: string, id: string, timeoutMs = (CONTAINER_STOP_GRACE_S + 10) * 1000): Promise<ContainerStopAnswer> {
  if (!/^[0-9a-f]{12,64}$/.test(id)) return Promise.reject(new Error(`not a container id: ${JSON.stringify(id)}`))
  return new Promise((resolve, reject) => {
    const path = `/containers/${id}/stop?t=${CONTAINER_STOP_GRACE_S}`
    const req = request({ socketPath, path, method: 'POST', headers: { Host: 'docker' } }, (res) => {
      res.resume()
      res.on('end', () => {
        clearTimeout(timer)
        if (res.statusCode === 204) resolve('stopped')
        else if (res.statusCode === 304) resolve('already-stopped')
        else if (res.statusCode === 404) resolve('missing')
        else reject(new Error(`Docker answered ${res.statusCode} to stopping the container`))
      })
    })
    const timer = setTimeout(() => req.destroy(new Error(`Docker did not stop the container within ${Math.round(timeoutMs / 1000)} s`)), timeoutMs)
    req.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    req.end()
  })
}
