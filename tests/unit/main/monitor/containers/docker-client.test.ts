import { afterEach, describe, expect, it } from 'vitest'
import { listContainers, parseContainers } from '../../../../../src/main/monitor/containers/docker-client'
import { CONTAINER_LIST, dockerEngine, missingSocketPath, neverAnswers, startFakeDocker, type FakeDocker } from './fake-docker'

let docker: FakeDocker | null = null
afterEach(async () => {
  await docker?.close()
  docker = null
})

describe('listContainers against a fake Docker Engine on a Unix socket', () => {
  it('reads names, images and port bindings from GET /containers/json', async () => {
    docker = await startFakeDocker(dockerEngine())
    const containers = await listContainers(docker.socketPath, 1000)
    expect(docker.requests).toEqual(['/containers/json'])
    expect(containers).toHaveLength(3)
    expect(containers[0]).toEqual({
      Id: '8dfafdbc3a40b3c1f0ad5e9e7a4d1f1c2b3a4d5e6f7a8b9c0d1e2f3a4b5c6d7e',
      Names: ['/web-frontend'],
      Image: 'nginx:1.27-alpine',
      Ports: [
        { IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
        { IP: '::', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
        { IP: undefined, PrivatePort: 443, PublicPort: undefined, Type: 'tcp' },
      ],
    })
  })

  it('rejects when the socket does not exist', async () => {
    await expect(listContainers(missingSocketPath(), 1000)).rejects.toMatchObject({ code: 'ENOENT' })
  })

  it('gives up on an engine that never answers', async () => {
    docker = await startFakeDocker(neverAnswers)
    await expect(listContainers(docker.socketPath, 200)).rejects.toThrow(/did not answer within 200 ms/)
  })

  it('rejects an error status and a body that is not a list', async () => {
    docker = await startFakeDocker((_req, res) => {
      res.writeHead(500, { 'Content-Type': 'application/json' })
      res.end('{"message":"server error"}')
    })
    await expect(listContainers(docker.socketPath, 1000)).rejects.toThrow(/500/)
    await docker.close()
    docker = await startFakeDocker(dockerEngine({ message: 'not a list' }))
    await expect(listContainers(docker.socketPath, 1000)).rejects.toThrow(/no container list/)
  })
})

describe('parseContainers', () => {
  it('skips malformed entries and ports instead of trusting them', () => {
    const parsed = parseContainers([
      null,
      { Names: [], Image: 'x' },
      { Names: ['/ok'], Image: 'alpine', Ports: [{ PrivatePort: 'eighty', Type: 'tcp' }, { PrivatePort: 80, PublicPort: 70000, Type: 'tcp' }] },
      ...CONTAINER_LIST.slice(1, 2),
    ])
    expect(parsed.map((c) => c.Names[0])).toEqual(['/ok', '/shop-db-1'])
    expect(parsed[0]?.Ports).toEqual([{ IP: undefined, PrivatePort: 80, PublicPort: undefined, Type: 'tcp' }])
  })
})
