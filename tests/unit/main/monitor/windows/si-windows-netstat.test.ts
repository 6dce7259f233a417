// systeminformation's Windows path, run for real (its own parser, in a child Node that reports win32) on
// `netstat -nao` text laid out as Windows prints it (columns and CRLF per Microsoft's netstat reference,
// https://learn.microsoft.com/en-us/windows-server/administration/windows-commands/netstat), then through
// Portolan's normalisation. Under Wine this path finds nothing (see ip-helper-wine.test.ts), so the
// quirks are shown here.
import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import type si from 'systeminformation'
import { SystemInformationCollector } from '../../../../../src/main/monitor/si-collector'

const NETSTAT_NAO = [
  '',
  'Active Connections',
  '',
  '  Proto  Local Address          Foreign Address        State           PID',
  '  TCP    0.0.0.0:135            0.0.0.0:0              LISTENING       1044',
  '  TCP    127.0.0.1:5432         0.0.0.0:0              LISTENING       7001',
  '  TCP    192.168.1.20:50123     140.82.112.4:443       ESTABLISHED     9120',
  '  TCP    [::]:135               [::]:0                 LISTENING       1044',
  '  TCP    [::1]:3000             [::]:0                 LISTENING       5120',
  '  UDP    0.0.0.0:5353           *:*                                    2412',
  '  UDP    [fe80::211:22ff:fe33:4455%12]:546  *:*                        1300',
  '',
].join('\r\n')

/** si.networkConnections() in a child Node that believes it is on Windows and whose exec answers with `text`. */
function siOnWindows(text: string): si.Systeminformation.NetworkConnectionsData[] {
  const script = `
    Object.defineProperty(process, 'platform', { value: 'win32' })
    const cp = require('node:child_process')
    const commands = []
    cp.exec = (command, options, callback) => {
      commands.push(command)
      setImmediate(() => (callback ?? options)(command === 'netstat -nao' ? null : new Error('unexpected ' + command), process.env.NETSTAT_TEXT, ''))
    }
    require('systeminformation').networkConnections().then((rows) => {
      process.stdout.write(JSON.stringify({ commands, rows }))
    })`
  const out = execFileSync(process.execPath, ['-e', script], { env: { ...process.env, NETSTAT_TEXT: text }, encoding: 'utf8', timeout: 30_000 })
  const { commands, rows } = JSON.parse(out) as { commands: string[]; rows: si.Systeminformation.NetworkConnectionsData[] }
  expect(commands).toEqual(['netstat -nao'])
  return rows
}

describe("systeminformation's Windows path (netstat -nao)", () => {
  const raw = siOnWindows(NETSTAT_NAO)

  it('returns the column header as a row and no process names', () => {
    expect(raw).toContainEqual(expect.objectContaining({ protocol: 'proto', localAddress: 'Local', state: 'Foreign' }))
    expect(raw.every((row) => row.process === '')).toBe(true)
    expect(raw).toContainEqual(expect.objectContaining({ protocol: 'udp', localAddress: '0.0.0.0', localPort: '5353', state: '', pid: 2412 }))
  })

  it('normalises to listeners with pids and no names, header dropped, brackets gone, zone kept', async () => {
    const collector = new SystemInformationCollector('win32', () => Promise.resolve(raw))
    const records = await collector.collect({ includeConnections: false, signal: new AbortController().signal })
    const brief = records.map((r) => [r.protocol, r.family, r.address, r.port, r.state, r.pid, r.process])
    expect(brief).toEqual([
      ['tcp', 4, '0.0.0.0', 135, 'LISTEN', 1044, null],
      ['tcp', 4, '127.0.0.1', 5432, 'LISTEN', 7001, null],
      ['tcp', 6, '::', 135, 'LISTEN', 1044, null],
      ['tcp', 6, '::1', 3000, 'LISTEN', 5120, null],
      ['udp', 4, '0.0.0.0', 5353, 'UNCONN', 2412, null],
      ['udp', 6, 'fe80::211:22ff:fe33:4455%12', 546, 'UNCONN', 1300, null],
    ])
    // Every socket has its pid from netstat on Windows: none is "hidden", whatever Portolan's rights.
    expect(records.every((r) => r.ownerHidden === false)).toBe(true)
    const withConnections = await collector.collect({ includeConnections: true, signal: new AbortController().signal })
    expect(withConnections.find((r) => r.state === 'ESTABLISHED')).toMatchObject({ port: 50123, remoteAddress: '140.82.112.4', remotePort: 443, pid: 9120 })
  })
})
