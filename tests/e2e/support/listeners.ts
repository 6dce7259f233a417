import { createServer, type Server } from 'node:net'

export interface TestListener {
  port: number
  close(): Promise<void>
}

/** A real TCP listener on 127.0.0.1 at a port the kernel picks. */
export async function openTcpListener(): Promise<TestListener> {
  const server: Server = createServer((socket) => socket.destroy())
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('listener has no port')
  return {
    port: address.port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
