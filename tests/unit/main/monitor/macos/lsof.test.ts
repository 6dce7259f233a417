// The lsof fallback: its field parser on samples built from lsof(8)'s documented -F format (as macOS's lsof
// prints them), and for real on this machine's lsof against sockets the test opens (same -F format).
import { execFileSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LsofCollector, runLsof, type LsofRunner } from '../../../../../src/main/monitor/macos/lsof-collector'
import { parseLsofFields, splitEndpoint } from '../../../../../src/main/monitor/macos/lsof-fields'
import { bindUdp, listenTcp, type OpenSocket } from '../../../../helpers/sockets'

/** Field lines, one per entry, NL-terminated as lsof writes them without -0. */
const fields = (...lines: string[]): string => `${lines.join('\n')}\n`

const MACOS_SAMPLE = fields(
  'p312', 'cmDNSResponder', 'u65',
  'f6', 'tIPv4', 'PUDP', 'n*:5353',
  'f7', 'tIPv6', 'PUDP', 'n*:5353',
  'p4120', 'cGoogle Chrome Helper', 'u501',
  'f31', 'tIPv4', 'PTCP', 'n192.168.1.20:50123->140.82.112.4:443', 'TST=ESTABLISHED', 'TQR=0', 'TQS=0',
  'p777', 'cpostgres', 'u501',
  'f5', 'tIPv6', 'PTCP', 'n[::1]:5432', 'TST=LISTEN', 'TQR=0', 'TQS=0',
  'f6', 'tIPv4', 'PTCP', 'n127.0.0.1:5432', 'TST=LISTEN', 'TQR=0', 'TQS=0',
  'f9', 'tIPv6', 'PUDP', 'n[fe80::1%lo0]:123',
  'f10', 'tunix', 'n/tmp/.s.PGSQL.5432',
)

describe('lsof field parser', () => {
  it('reads process and file sets: command, uid, family, protocol, endpoints and TCP state', () => {
    expect(parseLsofFields(MACOS_SAMPLE).map((r) => [r.pid, r.process, r.uid, r.protocol, r.family, r.address, r.port, r.state, r.remoteAddress, r.remotePort])).toEqual([
      [312, 'mDNSResponder', 65, 'udp', 4, '0.0.0.0', 5353, 'UNCONN', null, null],
      [312, 'mDNSResponder', 65, 'udp', 6, '::', 5353, 'UNCONN', null, null],
      [4120, 'Google Chrome Helper', 501, 'tcp', 4, '192.168.1.20', 50123, 'ESTABLISHED', '140.82.112.4', 443],
      [777, 'postgres', 501, 'tcp', 6, '::1', 5432, 'LISTEN', null, null],
      [777, 'postgres', 501, 'tcp', 4, '127.0.0.1', 5432, 'LISTEN', null, null],
      [777, 'postgres', 501, 'udp', 6, 'fe80::1%lo0', 123, 'UNCONN', null, null],
    ])
  })

  it('skips what it cannot read instead of guessing: unknown fields, files before any process, bad endpoints', () => {
    expect(parseLsofFields(fields('f3', 'tIPv4', 'PTCP', 'n127.0.0.1:80', 'TST=LISTEN'))).toEqual([])
    expect(parseLsofFields(fields('p9', 'cx', 'Zunknown', 'f3', 'tIPv4', 'PTCP', 'nlocalhost', 'TST=LISTEN'))).toEqual([])
    expect(parseLsofFields(fields('p9', 'f3', 'tIPv4', 'PTCP', 'n127.0.0.1:99999'))).toEqual([])
    expect(parseLsofFields('')).toEqual([])
    expect(splitEndpoint('*:*', 4)).toBeNull()
  })
})

describe('lsof on this machine', () => {
  let tcp: OpenSocket
  let udp: OpenSocket
  let tcp6: OpenSocket
  const hasLsof = (() => {
    try {
      execFileSync('lsof', ['-v'], { stdio: 'ignore' })
      return true
    } catch (error) {
      return (error as NodeJS.ErrnoException).code !== 'ENOENT'
    }
  })()

  beforeAll(async () => {
    tcp = await listenTcp('127.0.0.1')
    udp = await bindUdp('127.0.0.1')
    tcp6 = await listenTcp('::1')
  })
  afterAll(async () => Promise.all([tcp.close(), udp.close(), tcp6.close()]))

  it.skipIf(!hasLsof)("lists this process's TCP and UDP listeners with its pid, and runs lsof at most once per interval", async () => {
    let runs = 0
    const counting: LsofRunner = (args, signal) => { runs++; return runLsof(args, signal) }
    let now = 0
    const collector = new LsofCollector(counting, 5000, () => now)
    const signal = new AbortController().signal
    const records = await collector.collect({ includeConnections: false, signal })
    for (const socket of [tcp, udp, tcp6]) {
      expect(records.filter((r) => r.protocol === socket.protocol && r.port === socket.port)).toEqual([
        expect.objectContaining({ family: socket.family, address: socket.address, pid: process.pid, remotePort: null, state: socket.protocol === 'tcp' ? 'LISTEN' : 'UNCONN' }),
      ])
    }
    now = 4999
    expect(await collector.collect({ includeConnections: false, signal })).toBe(records)
    expect(runs).toBe(1)
    now = 5000
    await collector.collect({ includeConnections: false, signal })
    expect(runs).toBe(2)
  })
})
