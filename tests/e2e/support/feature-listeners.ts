import { spawn, type ChildProcess } from 'node:child_process'
import { createServer, type Server } from 'node:net'
import type { TestListener } from './listeners'

/** A real TCP listener on the given host (and port; 0 lets the kernel pick). */
export async function listenOn(host: string, port = 0): Promise<TestListener> {
  const server: Server = createServer((socket) => socket.destroy())
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => resolve())
  })
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('listener has no port')
  return { port: address.port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}

/** A port nobody listens on right now (taken and released at once). */
export async function freePort(): Promise<number> {
  const probe = await listenOn('127.0.0.1')
  await probe.close()
  return probe.port
}

export interface ChildListener {
  child: ChildProcess
  pid: number
  port: number
  /** Resolves with the exit code or signal once the child has exited. */
  exited: Promise<number | string | null>
  /** Kills the child if it still runs, and waits for it. */
  reap(): Promise<void>
}

// The child prints its port once it listens, then waits to be stopped.
const CHILD_SCRIPT = "require('net').createServer().listen(0, '127.0.0.1', function () { console.log(this.address().port) })"

/** A separate Node process holding a TCP listener on 127.0.0.1. */
export async function spawnChildListener(): Promise<ChildListener> {
  const child = spawn(process.execPath, ['-e', CHILD_SCRIPT], { stdio: ['ignore', 'pipe', 'inherit'] })
  const exited = new Promise<number | string | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)))
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', () => reject(new Error('the child listener exited before it listened')))
    child.stdout?.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())))
  })
  if (child.pid === undefined) throw new Error('the child listener has no pid')
  return {
    child,
    pid: child.pid,
    port,
    exited,
    reap: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
      await exited
    },
  }
}
