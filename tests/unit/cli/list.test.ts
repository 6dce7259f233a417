import { afterAll, assert, beforeAll, describe, expect, it } from 'vitest'
import { runCliProcess } from '../../helpers/cli'
import { anything } from '../../helpers/matchers'
import type { Row } from '../../../src/shared/row'
import { bindUdp, listenTcp, type OpenSocket } from '../../helpers/sockets'

const cli = (...args: string[]) => runCliProcess(args)

describe('portolan list', () => {
  const sockets: OpenSocket[] = []
  beforeAll(async () => {
    sockets.push(await listenTcp('127.0.0.1'), await bindUdp('::1'))
  })
  afterAll(() => Promise.all(sockets.map((s) => s.close())))

  it('prints the listeners as a JSON array of rows, with ours among them', async () => {
    const { code, stdout } = await cli('list', '--json')
    expect(code).toBe(0)
    const rows = JSON.parse(stdout) as Row[]
    for (const socket of sockets) {
      const row = rows.find((r) => r.protocol === socket.protocol && r.port === socket.port)
      expect(row).toMatchObject({ address: socket.address, family: socket.family, pid: process.platform === 'linux' ? process.pid : anything() })
    }
    expect(rows.every((r) => r.state === 'LISTEN' || r.state === 'UNCONN')).toBe(true)
  })

  it('prints an aligned table with number and name side by side', async () => {
    const { code, stdout } = await cli('list')
    expect(code).toBe(0)
    const [header = '', ...body] = stdout.trimEnd().split('\n')
    expect(header).toMatch(/^PROTO\s+LOCAL ADDRESS\s+PORT\s+SERVICE\s+STATE\s+EXPOSURE\s+PROCESS \(PID\)$/)
    const ours = body.find((l) => new RegExp(`^tcp\\s+127\\.0\\.0\\.1\\s+${sockets[0]?.port}\\s`).test(l))
    expect(ours).toContain(`(${process.pid})`)
    expect(ours).toMatch(/\sLISTEN\s+loopback\s/)
    const portColumn = header.indexOf('PORT') + 'PORT'.length
    for (const line of body) expect(line[portColumn - 1]).toMatch(/\d/)
  })

  it('lists one port with `list <port>`, and filters with --port ranges and --proc', async () => {
    const [tcp, udp] = sockets
    assert(tcp && udp)
    const one = await cli('list', String(tcp.port))
    expect(one.code).toBe(0)
    const body = one.stdout.trimEnd().split('\n').slice(1)
    expect(body.length).toBeGreaterThanOrEqual(1)
    for (const line of body) expect(line.split(/\s+/)[2]).toBe(String(tcp.port))
    const json = await cli('list', `${udp.port}/udp`, '--json')
    expect((JSON.parse(json.stdout) as Row[]).map((r) => [r.protocol, r.port])).toEqual([['udp', udp.port]])
    const range = await cli('list', '--json', '--port', `${Math.min(tcp.port, udp.port)}-${Math.max(tcp.port, udp.port)}`, '--proc', 'no-such-process-name')
    expect(JSON.parse(range.stdout)).toEqual([])
    const bad = await cli('list', '--port', 'http')
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/^portolan: "--port http" is not a port or range/)
  })

  it('adds established connections with --all', async () => {
    const { code, stdout } = await cli('list', '--json', '--all')
    expect(code).toBe(0)
    expect(Array.isArray(JSON.parse(stdout))).toBe(true)
  })
})

describe('usage', () => {
  it('--help prints the usage and exits 0', async () => {
    const { code, stdout } = await cli('--help')
    expect(code).toBe(0)
    expect(stdout).toMatch(/Usage: portolan <command>/)
  })

  it.each([
    [['list', '--bogus']],
    [['lst']],
    [[]],
  ])('%j exits 2 with a one-line error', async (args) => {
    const { code, stderr, stdout } = await cli(...args)
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr.trim().split('\n')).toHaveLength(1)
    expect(stderr).toMatch(/^portolan: /)
  })
})
