import { mkdtempSync, rmSync } from 'node:fs'
import { connect, createServer, type Server, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { composeApp, type PortolanApp } from '../../../../src/main/core/compose'
import { ReverseDns } from '../../../../src/main/monitor/reverse-dns'
import type { Row } from '../../../../src/shared/row'

const dataDir = mkdtempSync(join(tmpdir(), 'portolan-connections-'))

async function until(core: PortolanApp, test: (rows: Row[]) => boolean): Promise<Row[]> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    await core.monitor.pollNow()
    if (test(core.monitor.rows())) return core.monitor.rows()
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error('the rows never passed the test')
}

describe.skipIf(process.platform !== 'linux')('connections (sock_diag, real sockets)', () => {
  const core = composeApp({ intervalMs: 250, dataDir, containers: null })
  const servers: Server[] = []
  const sockets: Socket[] = []
  afterAll(async () => {
    for (const socket of sockets) socket.destroy()
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))))
    await core.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('collects connections only while the page shows them, counts them per listener, and names peers when asked', async () => {
    const server = createServer((socket) => sockets.push(socket))
    servers.push(server)
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const port = (server.address() as { port: number }).port
    const client = connect(port, '127.0.0.1')
    sockets.push(client)
    await new Promise((resolve) => client.once('connect', resolve))
    const clientPort = client.localPort!

    await core.monitor.pollNow()
    expect(core.monitor.rows().some((row) => row.remotePort !== null)).toBe(false)
    expect(core.monitor.rows().find((row) => row.port === port)?.connections).toBeUndefined()

    core.settings.update({ view: 'connections', reverseDns: true })
    const rows = await until(core, (all) => all.some((row) => row.remotePort === port && row.remoteHost === 'localhost'))
    const outgoing = rows.find((row) => row.port === clientPort && row.remotePort === port)
    expect(outgoing).toMatchObject({ protocol: 'tcp', state: 'ESTAB', pid: process.pid, remoteAddress: '127.0.0.1', remoteHost: 'localhost' })
    expect(rows.find((row) => row.port === port && row.remotePort === clientPort)).toMatchObject({ state: 'ESTAB', pid: process.pid })
    expect(rows.find((row) => row.port === port && row.remotePort === null)?.connections).toBe(1)
    expect(core.monitor.status.connectionCount).toBeGreaterThanOrEqual(2)

    core.settings.update({ view: 'listeners', reverseDns: false })
    await until(core, (all) => !all.some((row) => row.remotePort !== null))
  })
})

describe('ReverseDns', () => {
  it('answers from its cache at once, looks each address up once per TTL, a few at a time, and says when names arrive', async () => {
    const asked: string[] = []
    let answers = 0
    let now = 0
    const dns = new ReverseDns({
      resolve: (address) => (asked.push(address), Promise.resolve(address === '10.0.0.1' ? 'db.internal' : null)),
      concurrency: 2,
      ttlMs: 1000,
      now: () => now,
      onAnswer: () => (answers += 1),
    })
    expect(dns.hostOf('10.0.0.1')).toBeNull()
    expect(dns.hostOf('10.0.0.2')).toBeNull()
    expect(dns.hostOf('10.0.0.3')).toBeNull() // over the concurrency: asked on a later poll
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(asked).toEqual(['10.0.0.1', '10.0.0.2'])
    expect(dns.hostOf('10.0.0.1')).toBe('db.internal')
    expect(dns.hostOf('10.0.0.2')).toBeNull()
    expect(answers).toBe(1)
    expect(asked).toEqual(['10.0.0.1', '10.0.0.2'])
    now = 2000
    expect(dns.hostOf('10.0.0.1')).toBe('db.internal') // stale: kept while asked again
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(asked.filter((a) => a === '10.0.0.1')).toHaveLength(2)
  })
})
