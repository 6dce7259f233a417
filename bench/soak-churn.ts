// The soak benchmark's churn: a child process that opens and closes listeners (TCP and UDP, IPv4 and
// IPv6 loopback) and loopback connections without pause, so every poll sees sockets come and go.
// Sends { ready: true, rounds } on each "count" message; exits when its parent disconnects.
import { createSocket, type Socket as UdpSocket } from 'node:dgram'
import { connect, createServer, type Server, type Socket } from 'node:net'

export type ChurnReply = { rounds: number; pid: number }

const PER_ROUND = 40
let rounds = 0
let stopping = false

async function listen(host: string): Promise<Server> {
  const server = createServer((socket) => socket.on('error', () => undefined))
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen({ host, port: 0 }, resolve)
  })
  return server
}

async function bind(host: string): Promise<UdpSocket> {
  const socket = createSocket(host.includes(':') ? 'udp6' : 'udp4')
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject)
    socket.bind(0, host, resolve)
  })
  return socket
}

function dial(server: Server, host: string): Promise<Socket> {
  const { port } = server.address() as { port: number }
  return new Promise((resolve, reject) => {
    const socket = connect(port, host, () => resolve(socket))
    socket.once('error', reject)
  })
}

async function round(): Promise<void> {
  const host = (i: number) => (i % 2 === 0 ? '127.0.0.1' : '::1')
  const servers = await Promise.all(Array.from({ length: PER_ROUND }, (_, i) => listen(host(i))))
  const udp = await Promise.all(Array.from({ length: PER_ROUND / 4 }, (_, i) => bind(host(i))))
  const clients = await Promise.all(servers.slice(0, PER_ROUND / 4).map((server, i) => dial(server, host(i))))
  await new Promise((resolve) => setTimeout(resolve, 5))
  for (const client of clients) client.destroy()
  for (const socket of udp) socket.close()
  await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))))
  rounds++
}

async function churn(): Promise<void> {
  while (!stopping) await round()
}

process.on('message', () => process.send?.({ rounds, pid: process.pid } satisfies ChurnReply))
process.on('disconnect', () => {
  stopping = true
  process.exit(0)
})
churn().catch((error: unknown) => {
  process.stderr.write(`soak churn: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})
