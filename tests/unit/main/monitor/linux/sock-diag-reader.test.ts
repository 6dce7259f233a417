import { createServer } from 'node:net'
import { afterAll, describe, expect, it } from 'vitest'
import { SockDiagReader } from '../../../../../src/main/monitor/linux/sock-diag-reader'
import { bindUdp, listenTcp } from '../../../../helpers/sockets'

describe.skipIf(process.platform !== 'linux')('SockDiagReader', () => {
  const reader = new SockDiagReader()
  afterAll(() => reader.close())

  it('answers "unchanged" while the sockets stay, and the new records when one comes or goes', async () => {
    const tcp = await listenTcp('::1')
    const first = reader.collect(false)
    expect(first.records.some((r) => r.port === tcp.port && r.pid === process.pid)).toBe(true)
    // Other test files open sockets too: a collection that changed can't be told from ours, so retry.
    let again = reader.collect(false)
    for (let i = 0; i < 5 && !again.unchanged; i++) again = reader.collect(false)
    expect(again.unchanged).toBe(true)

    const udp = await bindUdp('127.0.0.1')
    const withUdp = reader.collect(false)
    expect(withUdp.unchanged).toBe(false)
    expect(withUdp.records.some((r) => r.protocol === 'udp' && r.port === udp.port)).toBe(true)
    await udp.close()
    await tcp.close()
    expect(reader.collect(false).records.some((r) => r.port === tcp.port && r.protocol === 'tcp')).toBe(false)
  })

  it('asks again when connections are wanted', async () => {
    reader.collect(false)
    const server = createServer()
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const all = reader.collect(true)
    expect(all.unchanged).toBe(false)
    await new Promise<void>((resolve) => server.close(() => resolve()))
  })

  it('the bare dump sees the same sockets, without owners', () => {
    const dump = reader.dump(false)
    expect(dump.length).toBeGreaterThan(0)
    expect(dump[0]).toHaveProperty('inode')
  })
})
