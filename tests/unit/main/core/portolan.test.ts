import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { composeApp } from '../../../../src/main/core/compose'
import type { Delta, Row } from '../../../../src/shared/row'
import { bindUdp, commOf, listenTcp, type OpenSocket } from '../../../helpers/sockets'

const HOSTS = ['127.0.0.1', '::1', '0.0.0.0', '::']

function find(rows: readonly Row[], s: OpenSocket): Row | undefined {
  return rows.find((r) => r.protocol === s.protocol && r.port === s.port && r.address === s.address)
}

describe.skipIf(process.platform !== 'linux')('PortolanApp with the platform collector, on real sockets', () => {
  const core = composeApp({ intervalMs: 250 })
  const deltas: Delta[] = []
  core.monitor.onDelta((d) => deltas.push(d))

  beforeAll(async () => {
    await core.monitor.pollNow()
  })
  afterAll(() => core.close())

  it('reports TCP listeners and bound UDP sockets on every family within two polls, and drops them after close', async () => {
    const sockets: OpenSocket[] = []
    for (const host of HOSTS) sockets.push(await listenTcp(host), await bindUdp(host))
    await core.monitor.pollNow()
    if (sockets.some((s) => !find(core.monitor.rows(), s))) await core.monitor.pollNow()

    for (const socket of sockets) {
      const row = find(core.monitor.rows(), socket)
      expect(row, `${socket.protocol} ${socket.address}:${socket.port}`).toMatchObject({
        family: socket.family,
        pid: process.pid,
        process: commOf(process.pid),
        state: socket.protocol === 'tcp' ? 'LISTEN' : 'UNCONN',
        exposure: socket.address === '127.0.0.1' || socket.address === '::1' ? 'loopback' : 'all',
      })
      expect(deltas.some((d) => d.added.some((r) => r.id === row!.id))).toBe(true)
    }

    await Promise.all(sockets.map((s) => s.close()))
    await core.monitor.pollNow()
    for (const socket of sockets) expect(find(core.monitor.rows(), socket)).toBeUndefined()
    const last = deltas.at(-1)!
    expect(last.removed.length).toBeGreaterThanOrEqual(sockets.length)
  })

  it('joins each row to the registry and its RFC 6335 range', async () => {
    const socket = await listenTcp('127.0.0.1')
    await core.monitor.pollNow()
    const row = find(core.monitor.rows(), socket)!
    await socket.close()
    expect(row.range).toBe(socket.port >= 49152 ? 'dynamic' : 'user')
    for (const r of core.monitor.rows()) {
      const story = core.story(r.port, r.protocol)
      expect(story.port).toBe(r.port)
    }
  })

  it('numbers deltas without gaps', () => {
    deltas.forEach((d, i) => expect(d.seq).toBe(i + 1))
  })
})
