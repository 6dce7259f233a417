import { createSocket, type Socket as UdpSocket } from 'node:dgram'
import { createServer, type Server } from 'node:net'
import { readFileSync } from 'node:fs'

export interface OpenSocket {
  protocol: 'tcp' | 'udp'
  address: string
  family: 4 | 6
  port: number
  close(): Promise<void>
}

export async function listenTcp(host: string): Promise<OpenSocket> {
  const server: Server = createServer()
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen({ host, port: 0, ipv6Only: host === '::' }, () => resolve())
  })
  const info = server.address()
  if (!info || typeof info === 'string') throw new Error('no TCP address')
  return {
    protocol: 'tcp',
    address: host,
    family: host.includes(':') ? 6 : 4,
    port: info.port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

export async function bindUdp(host: string): Promise<OpenSocket> {
  const socket: UdpSocket = createSocket({ type: host.includes(':') ? 'udp6' : 'udp4', ipv6Only: host === '::' })
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject)
    socket.bind({ address: host, port: 0 }, () => resolve())
  })
  return {
    protocol: 'udp',
    address: host,
    family: host.includes(':') ? 6 : 4,
    port: socket.address().port,
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  }
}

/** The name `ss` and /proc show for a process (its comm). */
export function commOf(pid: number): string {
  return readFileSync(`/proc/${pid}/comm`, 'utf8').trim()
}

/** Child processes of `pid`, zombies included (Linux): the reaper's own reading of /proc. */
export { childPids } from '../../src/main/monitor/child-reaper'
