import type { ChildProcess } from 'node:child_process'
import { connect, type Socket } from 'node:net'
import { afterAll, afterEach, assert, describe, expect, it } from 'vitest'
import { InlineSockDiagCollector } from '../../../../../../src/main/monitor/linux/inline-sock-diag-collector'
import { Poller } from '../../../../../../src/main/monitor/poller'
import { NO_PORT_INFO } from '../../../../../../src/main/registry/lookup'
import type { Row } from '../../../../../../src/shared/row'
import { killGroup, LISTENER_SCRIPT, ListenerReports, spawnDetached } from '../../../../../helpers/child-listener'

const reports = new ListenerReports()
const children: ChildProcess[] = []
const clients: Socket[] = []

afterEach(() => {
  for (const c of clients.splice(0)) c.destroy()
  for (const child of children.splice(0)) killGroup(child)
})
afterAll(() => reports.remove())

/** Opens a connection, sends `bytes`, and resolves once the echo of all of them came back. */
async function sendAndEcho(port: number, bytes: number): Promise<Socket> {
  const socket = connect(port, '127.0.0.1')
  clients.push(socket)
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject))
  let echoed = 0
  const done = new Promise<void>((resolve) => socket.on('data', (d: Buffer) => ((echoed += d.length) >= bytes ? resolve() : undefined)))
  socket.write(Buffer.alloc(bytes, 0x61))
  await done
  return socket
}

async function more(socket: Socket, bytes: number): Promise<void> {
  let echoed = 0
  const done = new Promise<void>((resolve) => {
    const onData = (d: Buffer): void => {
      if ((echoed += d.length) >= bytes) {
        socket.off('data', onData)
        resolve()
      }
    }
    socket.on('data', onData)
  })
  socket.write(Buffer.alloc(bytes, 0x62))
  await done
}

/** Polls until `match` holds for the row (the kernel's counters settle within a poll or two), or fails with the last row. */
async function pollUntil(poller: Poller, find: (rows: Row[]) => Row | undefined, match: (row: Row) => boolean): Promise<Row> {
  let last: Row | undefined
  for (let attempt = 0; attempt < 20; attempt++) {
    await poller.pollNow()
    last = find(poller.rows())
    if (last && match(last)) return last
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`never matched; last row: ${JSON.stringify(last?.activity)}`)
}

describe.skipIf(process.platform !== 'linux')('activity from tcp_info, on real connections', () => {
  it('counts a listener\'s connections and the bytes they moved, with rates per poll', async () => {
    const poller = new Poller({ collector: new InlineSockDiagCollector(), registry: { lookup: () => NO_PORT_INFO }, activity: true })
    try {
      children.push(spawnDetached([process.execPath, '-e', LISTENER_SCRIPT, '0'], { env: reports.env() }))
      const { pid, port } = await reports.next()
      const listener = (rows: Row[]): Row | undefined => rows.find((r) => r.port === port && r.pid === pid && r.state === 'LISTEN')

      const idle = await pollUntil(poller, listener, (r) => r.activity?.connections === 0)
      expect(idle.activity).toMatchObject({ connections: 0, acceptQueue: 0, bytesSent: 0, bytesReceived: 0 })
      // Node's default listen() backlog is 511.
      expect(idle.activity?.acceptBacklog).toBe(511)

      const sockets = [await sendAndEcho(port, 1000), await sendAndEcho(port, 2000), await sendAndEcho(port, 3000)]
      const [firstClient, secondClient] = sockets
      assert(firstClient && secondClient)
      // The server received 6,000 bytes and sent (echoed) 6,000, all acknowledged.
      const busy = await pollUntil(poller, listener, (r) => r.activity?.connections === 3 && r.activity.bytesReceived === 6000 && r.activity.bytesSent === 6000)
      expect(busy.activity?.rttMs).toBeGreaterThan(0)

      await more(secondClient, 5000)
      // Received bytes count at once; sent ones once the peer's (possibly delayed) ACK is in.
      const grew = await pollUntil(poller, listener, (r) => r.activity?.bytesReceived === 11_000)
      expect(grew.activity?.receiveRate).toBeGreaterThan(0)
      expect(grew.activity?.history.at(-1)).toBe((grew.activity?.sendRate ?? 0) + (grew.activity?.receiveRate ?? 0))
      await pollUntil(poller, listener, (r) => r.activity?.bytesSent === 11_000)

      // Nothing moves: the rate falls to zero while the totals stay.
      const still = await pollUntil(poller, listener, (r) => r.activity?.sendRate === 0 && r.activity.receiveRate === 0)
      expect(still.activity).toMatchObject({ connections: 3, bytesReceived: 11_000, bytesSent: 11_000 })

      firstClient.destroy()
      const fewer = await pollUntil(poller, listener, (r) => r.activity?.connections === 2)
      expect(fewer.activity).toMatchObject({ bytesReceived: 10_000, bytesSent: 10_000 })
    } finally {
      await poller.close()
    }
  })

  it('gives each accepted connection its own bytes when connections are listed', async () => {
    const poller = new Poller({ collector: new InlineSockDiagCollector(), registry: { lookup: () => NO_PORT_INFO }, activity: true, includeConnections: true })
    try {
      children.push(spawnDetached([process.execPath, '-e', LISTENER_SCRIPT, '0'], { env: reports.env() }))
      const { pid, port } = await reports.next()
      const client = await sendAndEcho(port, 4321)
      const accepted = (rows: Row[]): Row | undefined => rows.find((r) => r.port === port && r.pid === pid && r.remotePort === client.localPort)
      const row = await pollUntil(poller, accepted, (r) => r.activity?.bytesReceived === 4321)
      expect(row.activity).toMatchObject({ connections: null, acceptQueue: null, bytesSent: 4321, bytesReceived: 4321 })
    } finally {
      await poller.close()
    }
  })

  it('measures nothing when activity is off', async () => {
    const poller = new Poller({ collector: new InlineSockDiagCollector(), registry: { lookup: () => NO_PORT_INFO } })
    try {
      children.push(spawnDetached([process.execPath, '-e', LISTENER_SCRIPT, '0'], { env: reports.env() }))
      const { pid, port } = await reports.next()
      await sendAndEcho(port, 100)
      await poller.pollNow()
      const row = poller.rows().find((r) => r.port === port && r.pid === pid)
      expect(row).toBeDefined()
      expect(row?.activity).toBeUndefined()
    } finally {
      await poller.close()
    }
  })
})
