// A child process that holds benchmark sockets, so the monitor under test sees realistic ballast.
// Role "listeners": opens N listeners (3/4 TCP, 1/4 UDP; IPv4 and IPv6 loopback) and keeps every
// connection it accepts. Role "clients": opens connections to given TCP ports and keeps them.
// Split in two so neither process needs more than ~3N descriptors.
import { createSocket } from 'node:dgram'
import { connect, createServer, type Server, type Socket } from 'node:net'

export type HolderCommand =
  | { role: 'listeners'; count: number }
  | { role: 'clients'; targets: Array<{ host: string; port: number }>; count: number }

export type HolderReply = { ready: true; tcpTargets: Array<{ host: string; port: number }>; pid: number } | { error: string }

const kept: unknown[] = []

async function openListeners(count: number): Promise<Array<{ host: string; port: number }>> {
  const targets: Array<{ host: string; port: number }> = []
  for (let i = 0; i < count; i++) {
    if (i % 4 === 3) {
      const ipv6 = i % 8 === 7
      const udp = createSocket(ipv6 ? 'udp6' : 'udp4')
      await new Promise<void>((resolve, reject) => {
        udp.once('error', reject)
        udp.bind(0, ipv6 ? '::1' : '127.0.0.1', resolve)
      })
      kept.push(udp)
      continue
    }
    const host = i % 4 === 1 ? '::1' : '127.0.0.1'
    const server: Server = createServer((socket) => {
      socket.on('error', () => undefined)
      kept.push(socket)
    })
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen({ host, port: 0, backlog: 1024 }, resolve)
    })
    kept.push(server)
    targets.push({ host, port: (server.address() as { port: number }).port })
  }
  return targets
}

async function openClients(targets: Array<{ host: string; port: number }>, count: number): Promise<void> {
  const BATCH = 200
  for (let start = 0; start < count; start += BATCH) {
    const batch: Array<Promise<void>> = []
    for (let i = start; i < Math.min(count, start + BATCH); i++) {
      const target = targets[i % targets.length]
      if (!target) throw new Error('openClients needs at least one listener to connect to')
      batch.push(
        new Promise<void>((resolve, reject) => {
          const socket: Socket = connect(target.port, target.host, () => resolve())
          socket.once('error', reject)
          kept.push(socket)
        }),
      )
    }
    await Promise.all(batch)
  }
}

process.on('message', (command: HolderCommand) => {
  const work = command.role === 'listeners' ? openListeners(command.count) : openClients(command.targets, command.count).then(() => [])
  work.then(
    (tcpTargets) => process.send?.({ ready: true, tcpTargets, pid: process.pid } satisfies HolderReply),
    (error: unknown) => process.send?.({ error: error instanceof Error ? error.message : String(error) } satisfies HolderReply),
  )
})
process.on('disconnect', () => process.exit(0))
