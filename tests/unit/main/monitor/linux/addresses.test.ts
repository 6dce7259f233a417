import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { afterAll, describe, expect, it } from 'vitest'
import { SockDiagReader } from '../../../../../src/main/monitor/linux/sock-diag-reader'
import { InterfaceNames, isLinkLocalIpv6, scopedAddress } from '../../../../../src/main/monitor/linux/interface-names'

// Addresses people can trust, read from the kernel: a `::` listener without IPV6_V6ONLY accepts IPv4 too,
// and a link-local address keeps its interface (two listeners, two rows).

async function listen(options: { host: string; ipv6Only: boolean }): Promise<Server> {
  const server = createServer()
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen({ ...options, port: 0 }, resolve)
  })
  return server
}

const portOf = (server: Server) => (server.address() as { port: number }).port

// Two listeners on fe80::1, one on lo and one on eth0, same port: IPV6_FREEBIND (78) binds an address no
// interface has, so the test needs no change to the machine's addresses.
const TWO_LINK_LOCAL = [
  'import socket, sys',
  'port, socks = 0, []',
  'for name in sys.argv[1:]:',
  '    s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)',
  '    s.setsockopt(socket.IPPROTO_IPV6, 78, 1)',
  "    s.bind(('fe80::1', port, 0, socket.if_nametoindex(name)))",
  '    s.listen(); port = s.getsockname()[1]; socks.append(s)',
  'print(port, flush=True)',
  'sys.stdin.readline()',
].join('\n')

describe.skipIf(process.platform !== 'linux')('addresses from sock_diag (real sockets)', () => {
  const reader = new SockDiagReader()
  const servers: Server[] = []
  const children: ChildProcess[] = []
  afterAll(async () => {
    reader.close()
    for (const child of children) child.kill('SIGKILL')
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))))
  })

  it('says which `::` listeners also accept IPv4 (IPV6_V6ONLY off) and which do not', async () => {
    const dual = await listen({ host: '::', ipv6Only: false })
    const v6only = await listen({ host: '::', ipv6Only: true })
    servers.push(dual, v6only)
    const records = reader.collect(false).records
    expect(records.find((r) => r.port === portOf(dual) && r.protocol === 'tcp')).toMatchObject({ address: '::', family: 6, dualStack: true })
    expect(records.find((r) => r.port === portOf(v6only) && r.protocol === 'tcp')).toMatchObject({ address: '::', family: 6, dualStack: false })
    // Bound to one address: nothing to say.
    const loopback = await listen({ host: '::1', ipv6Only: false })
    servers.push(loopback)
    expect(reader.collect(false).records.find((r) => r.port === portOf(loopback))?.dualStack).toBeUndefined()
  })

  const interfaces = ['lo', 'eth0'].filter((name) => existsSync(`/sys/class/net/${name}`))
  it.skipIf(interfaces.length < 2)('keeps a link-local address\'s interface: fe80::1%lo and fe80::1%eth0 on one port are two records', async () => {
    const child = spawn('python3', ['-c', TWO_LINK_LOCAL, ...interfaces], { stdio: ['pipe', 'pipe', 'inherit'] })
    children.push(child)
    const port = await new Promise<number>((resolve, reject) => {
      child.once('error', reject)
      child.stdout?.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())))
    })
    const records = reader.collect(false).records.filter((r) => r.port === port)
    expect(records.map((r) => r.address).sort()).toEqual(['fe80::1%eth0', 'fe80::1%lo'])
    expect(records.every((r) => r.pid === child.pid)).toBe(true)
  })

  it('names interfaces by index and scopes only link-local addresses', () => {
    const names = new InterfaceNames()
    expect(names.nameOf(1)).toBe('lo')
    expect(names.nameOf(0)).toBeNull()
    expect(scopedAddress('fe80::1', 1, names)).toBe('fe80::1%lo')
    expect(scopedAddress('fe80::1', 999_999, names)).toBe('fe80::1%999999')
    expect(scopedAddress('::1', 1, names)).toBe('::1')
    expect(isLinkLocalIpv6('febf::1')).toBe(true)
    expect(isLinkLocalIpv6('fec0::1')).toBe(false)
  })
})
