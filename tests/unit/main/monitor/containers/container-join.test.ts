import { afterEach, describe, expect, it } from 'vitest'
import { composeApp } from '../../../../../src/main/core/compose'
import type { Collector, SocketRecord } from '../../../../../src/main/monitor/collector'
import { DockerContainerSource } from '../../../../../src/main/monitor/containers/docker-source'
import { Poller } from '../../../../../src/main/monitor/poller'
import { NO_PORT_INFO } from '../../../../../src/main/registry/lookup'
import type { Delta, Row } from '../../../../../src/shared/row'
import { listenTcp, type OpenSocket } from '../../../../helpers/sockets'
import { CONTAINER_LIST, dockerEngine, missingSocketPath, startFakeDocker, type FakeDocker } from './fake-docker'

const registry = { lookup: () => NO_PORT_INFO }

function listener(protocol: 'tcp' | 'udp', address: string, port: number, pid: number, process: string): SocketRecord {
  return { protocol, family: address.includes(':') ? 6 : 4, address, port, state: protocol === 'tcp' ? 'LISTEN' : 'UNCONN', remoteAddress: null, remotePort: null, pid, process, uid: 0 }
}

/** What a host running CONTAINER_LIST shows: docker-proxy on each published port, plus ordinary listeners. */
const HOST_SOCKETS: SocketRecord[] = [
  listener('tcp', '0.0.0.0', 8080, 2101, 'docker-proxy'),
  listener('tcp', '::', 8080, 2102, 'docker-proxy'),
  listener('tcp', '127.0.0.1', 15432, 2103, 'docker-proxy'),
  listener('udp', '0.0.0.0', 5353, 2104, 'docker-proxy'),
  listener('tcp', '0.0.0.0', 443, 900, 'nginx'),
  listener('tcp', '127.0.0.1', 3000, 901, 'node'),
]

const fixedCollector = (records: SocketRecord[]): Collector => ({ name: 'fixed', collect: () => Promise.resolve(records) })

const byPort = (rows: readonly Row[], protocol: string, address: string, port: number): Row | undefined =>
  rows.find((r) => r.protocol === protocol && r.address === address && r.port === port)

let docker: FakeDocker | null = null
const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
  await docker?.close()
  docker = null
})

function track<T extends { close(): Promise<void> }>(thing: T): T {
  closers.push(() => thing.close())
  return thing
}

describe('rows joined to Docker containers', () => {
  it('gives rows on published ports their container and every other row null', async () => {
    docker = await startFakeDocker(dockerEngine())
    const poller = track(new Poller({ collector: fixedCollector(HOST_SOCKETS), registry, containers: new DockerContainerSource({ endpoints: [docker.socketPath] }) }))
    await poller.pollNow()
    const rows = poller.rows()
    const web = { name: 'web-frontend', image: 'nginx:1.27-alpine' }
    expect(byPort(rows, 'tcp', '0.0.0.0', 8080)?.container).toEqual(web)
    expect(byPort(rows, 'tcp', '::', 8080)?.container).toEqual(web)
    expect(byPort(rows, 'tcp', '127.0.0.1', 15432)?.container).toEqual({ name: 'shop-db-1', image: 'postgres:16' })
    expect(byPort(rows, 'udp', '0.0.0.0', 5353)?.container).toEqual({ name: 'dns-cache', image: 'coredns/coredns:1.11.1' })
    expect(byPort(rows, 'tcp', '0.0.0.0', 443)?.container).toBeNull()
    expect(byPort(rows, 'tcp', '127.0.0.1', 3000)?.container).toBeNull()
    // The process stays what the OS says; the container is shown beside it.
    expect(byPort(rows, 'tcp', '0.0.0.0', 8080)?.process).toBe('docker-proxy')
  })

  it('without Docker every container is null and the status carries no error', async () => {
    const poller = track(new Poller({ collector: fixedCollector(HOST_SOCKETS), registry, containers: new DockerContainerSource({ endpoints: [missingSocketPath()] }) }))
    await poller.pollNow()
    expect(poller.rows().every((r) => r.container === null)).toBe(true)
    expect(poller.status).toMatchObject({ state: 'ok', error: null, rowCount: HOST_SOCKETS.length })
  })

  it('reports a row as changed when its container appears', async () => {
    let list: unknown[] = []
    docker = await startFakeDocker((req, res) => dockerEngine(list)(req, res))
    const poller = track(new Poller({ collector: fixedCollector(HOST_SOCKETS), registry, containers: new DockerContainerSource({ endpoints: [docker.socketPath], freshMs: 0 }) }))
    await poller.pollNow()
    expect(poller.rows().every((r) => r.container === null)).toBe(true)
    list = CONTAINER_LIST.slice(1, 2)
    const deltas: Delta[] = []
    poller.onDelta((d) => deltas.push(d))
    await poller.pollNow()
    expect(deltas).toHaveLength(1)
    expect(deltas[0]?.changed.map((r) => [r.port, r.container?.name])).toEqual([[15432, 'shop-db-1']])
  })
})

describe.skipIf(process.platform !== 'linux')('PortolanApp joins a real listener to a container', () => {
  it('names the container whose published port a real socket holds', async () => {
    const socket: OpenSocket = track(await listenTcp('127.0.0.1'))
    docker = await startFakeDocker(dockerEngine([{ ...CONTAINER_LIST[1], Ports: [{ IP: '127.0.0.1', PrivatePort: 5432, PublicPort: socket.port, Type: 'tcp' }] }]))
    const core = track(composeApp({ containers: new DockerContainerSource({ endpoints: [docker.socketPath] }) }))
    await core.monitor.pollNow()
    const rows = core.monitor.rows()
    expect(byPort(rows, 'tcp', '127.0.0.1', socket.port)?.container).toEqual({ name: 'shop-db-1', image: 'postgres:16' })
    expect(rows.filter((r) => r.port !== socket.port).every((r) => r.container === null)).toBe(true)
  })
})
