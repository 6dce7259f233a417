import { fork, type ChildProcess } from 'node:child_process'
import { dirname, join } from 'node:path'
import type { HolderCommand, HolderReply } from './socket-holder'

/** N listeners plus 2N established loopback connections, held by two child processes. */
export interface Scenario {
  listeners: number
  connections: number
  holderPids: number[]
  close(): Promise<void>
}

function startHolder(): ChildProcess {
  return fork(join(dirname(__filename), 'socket-holder.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
}

function ask(child: ChildProcess, command: HolderCommand): Promise<Extract<HolderReply, { ready: true }>> {
  return new Promise((resolve, reject) => {
    child.once('message', (reply: HolderReply) => ('error' in reply ? reject(new Error(`socket holder: ${reply.error}`)) : resolve(reply)))
    child.once('exit', (code) => reject(new Error(`socket holder exited (code ${code})`)))
    child.send(command)
  })
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    child.once('exit', () => resolve())
    child.kill()
  })
}

export async function openScenario(listeners: number): Promise<Scenario> {
  const listenerHolder = startHolder()
  const clientHolder = startHolder()
  const close = async (): Promise<void> => {
    await Promise.all([stop(clientHolder), stop(listenerHolder)])
  }
  try {
    const opened = await ask(listenerHolder, { role: 'listeners', count: listeners })
    const connected = await ask(clientHolder, { role: 'clients', targets: opened.tcpTargets, count: 2 * listeners })
    return { listeners, connections: 2 * listeners, holderPids: [opened.pid, connected.pid], close }
  } catch (error) {
    await close()
    throw error
  }
}
