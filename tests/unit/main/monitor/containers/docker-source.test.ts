import { afterEach, describe, expect, it } from 'vitest'
import { DOCKER_FRESH_MS, DOCKER_RETRY_MS, DockerContainerSource } from '../../../../../src/main/monitor/containers/docker-source'
import { dockerEndpoints } from '../../../../../src/main/monitor/containers/docker-endpoint'
import { dockerEngine, missingSocketPath, neverAnswers, startFakeDocker, type FakeDocker } from './fake-docker'

let docker: FakeDocker | null = null
afterEach(async () => {
  await docker?.close()
  docker = null
})

/** A clock the test moves by hand, so caching is checked without waiting. */
function manualClock(): { now: () => number; advance(ms: number): void } {
  let t = 1_000_000
  return { now: () => t, advance: (ms) => { t += ms } }
}

describe('DockerContainerSource', () => {
  it('names the container behind each published port, preferring the binding on the same address', async () => {
    docker = await startFakeDocker(dockerEngine())
    const source = new DockerContainerSource({ endpoints: [docker.socketPath] })
    const containerOf = await source.current()
    expect(source.reachable).toBe(true)
    expect(containerOf('tcp', 8080, '0.0.0.0')).toEqual({ name: 'web-frontend', image: 'nginx:1.27-alpine' })
    expect(containerOf('tcp', 8080, '::')).toEqual({ name: 'web-frontend', image: 'nginx:1.27-alpine' })
    expect(containerOf('tcp', 15432, '127.0.0.1')).toEqual({ name: 'shop-db-1', image: 'postgres:16' })
    expect(containerOf('udp', 5353, '0.0.0.0')).toEqual({ name: 'dns-cache', image: 'coredns/coredns:1.11.1' })
    expect(containerOf('udp', 8080, '0.0.0.0')).toBeNull()
    expect(containerOf('tcp', 443, '0.0.0.0')).toBeNull() // exposed by the image, never published
    expect(containerOf('tcp', 80, '0.0.0.0')).toBeNull() // the container's own port is not a host port
  })

  it('asks Docker at most once per freshness window, however often the poller asks', async () => {
    docker = await startFakeDocker(dockerEngine())
    const clock = manualClock()
    const source = new DockerContainerSource({ endpoints: [docker.socketPath], now: clock.now })
    await Promise.all([source.current(), source.current()])
    for (let i = 0; i < 4; i++) {
      clock.advance(1000)
      await source.current()
    }
    expect(docker.requests).toHaveLength(1)
    clock.advance(DOCKER_FRESH_MS)
    await source.current()
    expect(docker.requests).toHaveLength(2)
  })

  it('treats a missing socket as no containers, quietly, and skips to the next endpoint', async () => {
    const missing = new DockerContainerSource({ endpoints: [missingSocketPath()] })
    const none = await missing.current()
    expect(missing.reachable).toBe(false)
    expect(none('tcp', 8080, '0.0.0.0')).toBeNull()

    docker = await startFakeDocker(dockerEngine())
    const second = new DockerContainerSource({ endpoints: [missingSocketPath(), docker.socketPath] })
    expect((await second.current())('tcp', 8080, '0.0.0.0')?.name).toBe('web-frontend')
  })

  it('retries an unreachable Docker only every retry interval', async () => {
    docker = await startFakeDocker((_req, res) => {
      res.writeHead(500)
      res.end()
    })
    const clock = manualClock()
    const source = new DockerContainerSource({ endpoints: [docker.socketPath], now: clock.now })
    await source.current()
    expect(source.reachable).toBe(false)
    clock.advance(DOCKER_RETRY_MS - 1)
    await source.current()
    expect(docker.requests).toHaveLength(1)
    clock.advance(1)
    await source.current()
    expect(docker.requests).toHaveLength(2)
  })

  it('answers "no containers" when Docker accepts the request and never replies', async () => {
    docker = await startFakeDocker(neverAnswers)
    const source = new DockerContainerSource({ endpoints: [docker.socketPath], timeoutMs: 200 })
    const containerOf = await source.current()
    expect(source.reachable).toBe(false)
    expect(containerOf('tcp', 8080, '0.0.0.0')).toBeNull()
  })
})

describe('dockerEndpoints', () => {
  it('honours DOCKER_HOST for unix sockets and named pipes, and ignores tcp hosts', () => {
    expect(dockerEndpoints({ DOCKER_HOST: 'unix:///run/user/1000/docker.sock' }, 'linux')).toEqual(['/run/user/1000/docker.sock'])
    expect(dockerEndpoints({ DOCKER_HOST: 'npipe:////./pipe/docker_engine' }, 'win32')).toEqual(['//./pipe/docker_engine'])
    expect(dockerEndpoints({ DOCKER_HOST: 'tcp://10.0.0.2:2376' }, 'linux')).toEqual([])
  })

  it('defaults to the named pipe on Windows and /var/run/docker.sock first elsewhere', () => {
    expect(dockerEndpoints({}, 'win32')).toEqual(['//./pipe/docker_engine'])
    expect(dockerEndpoints({}, 'linux')[0]).toBe('/var/run/docker.sock')
    expect(dockerEndpoints({ XDG_RUNTIME_DIR: '/run/user/1000' }, 'linux')).toContain('/run/user/1000/docker.sock')
  })
})
