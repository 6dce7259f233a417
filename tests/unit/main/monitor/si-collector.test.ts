import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SocketRecord } from '../../../../src/main/monitor/collector'
import { fromSystemInformation, SystemInformationCollector } from '../../../../src/main/monitor/si-collector'
import { bindUdp, childPids, commOf, listenTcp, type OpenSocket } from '../../../helpers/sockets'

const linux = process.platform === 'linux'
const HOSTS = ['127.0.0.1', '::1', '0.0.0.0', '::']

describe('fromSystemInformation', () => {
  it('normalizes string ports, brackets and protocol names', () => {
    const record = fromSystemInformation({
      protocol: 'tcp6', localAddress: '[::1]', localPort: '8080', peerAddress: '[::]', peerPort: '*',
      state: 'LISTEN', pid: 42, process: 'my server',
    })
    expect(record).toEqual({
      protocol: 'tcp', family: 6, address: '::1', port: 8080, state: 'LISTEN',
      remoteAddress: null, remotePort: null, pid: 42, process: 'my server', uid: null,
    })
  })

  it('drops header and garbage rows (Windows returns its header as a row)', () => {
    expect(fromSystemInformation({ protocol: 'Proto', localAddress: 'Local', localPort: 'Address', peerAddress: '', peerPort: '', state: 'State', pid: 0, process: '' })).toBeNull()
    expect(fromSystemInformation({ protocol: 'tcp', localAddress: '1.2.3.4', localPort: '70000', peerAddress: '', peerPort: '', state: 'LISTEN', pid: 1, process: 'x' })).toBeNull()
  })

  it('keeps a null pid as null and treats LISTENING as LISTEN', () => {
    const record = fromSystemInformation({ protocol: 'TCP', localAddress: '0.0.0.0', localPort: '135', peerAddress: '0.0.0.0', peerPort: '0', state: 'LISTENING', pid: null as unknown as number, process: '' })
    expect(record?.pid).toBeNull()
    expect(record?.process).toBeNull()
    expect(record?.state).toBe('LISTEN')
  })
})

describe.skipIf(!linux)('SystemInformationCollector on this machine', () => {
  const sockets: OpenSocket[] = []
  let records: SocketRecord[] = []
  const me = linux ? commOf(process.pid) : ''

  beforeAll(async () => {
    for (const host of HOSTS) sockets.push(await listenTcp(host), await bindUdp(host))
    records = await new SystemInformationCollector('linux').collect({ includeConnections: false, signal: new AbortController().signal })
  })
  afterAll(async () => {
    await Promise.all(sockets.map((s) => s.close()))
  })

  it.each(HOSTS.flatMap((host) => [['tcp', host], ['udp', host]] as const))('reports the %s socket on %s with our pid and name', (protocol, host) => {
    const socket = sockets.find((s) => s.protocol === protocol && s.address === host)!
    const found = records.filter((r) => r.protocol === protocol && r.port === socket.port && r.address === host)
    expect(found).toHaveLength(1)
    expect(found[0]).toMatchObject({
      family: socket.family,
      state: protocol === 'tcp' ? 'LISTEN' : 'UNCONN',
      pid: process.pid,
      process: me,
    })
  })

  it('lists listeners only unless connections are asked for', () => {
    expect(records.every((r) => r.state === 'LISTEN' || r.state === 'UNCONN')).toBe(true)
  })

  it('leaves no child process behind', () => {
    expect(childPids(process.pid)).toEqual([])
  })
})
