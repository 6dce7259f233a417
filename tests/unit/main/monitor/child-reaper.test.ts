import { exec, spawn } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { childPids, killChildrenOnAbort } from '../../../../src/main/monitor/child-reaper'
import { Poller } from '../../../../src/main/monitor/poller'
import { SystemInformationCollector, type ConnectionSource } from '../../../../src/main/monitor/si-collector'
import { NO_PORT_INFO } from '../../../../src/main/registry/lookup'

const linux = process.platform === 'linux'
const registry = { lookup: () => NO_PORT_INFO }

/** Pids of live (non-zombie) processes whose command line contains `marker`. */
function processesWith(marker: string): number[] {
  const found: number[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ')
      if (cmdline.includes(marker)) found.push(Number(entry))
    } catch {
      // gone
    }
  }
  return found
}

/** Process state letter from /proc/<pid>/stat (Z for a zombie), or null when gone. */
function stateOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0] ?? null
  } catch {
    return null
  }
}

/**
 * A stand-in for systeminformation that does what it does on Linux (`exec` of a shell pipeline) but
 * hangs: the shell waits on a `sleep` that would outlive any timeout. Resolves once its shell is gone,
 * as systeminformation's exec callback does.
 */
function hangingSource(marker: string): { source: ConnectionSource; settled: Promise<void>[] } {
  const settled: Promise<void>[] = []
  const source: ConnectionSource = () => {
    const done = new Promise<void>((resolve) => {
      // "; true" keeps sh as the parent of sleep, like netstat | grep under sh.
      exec(`sleep ${marker}; true`, () => resolve())
    })
    settled.push(done)
    return done.then(() => [])
  }
  return { source, settled }
}

let poller: Poller | null = null
afterEach(async () => {
  await poller?.close()
  poller = null
})

describe.skipIf(!linux)('a hung systeminformation collection', () => {
  it('is cut off at the timeout with its shell and the shell\'s child killed, and no zombie left', async () => {
    const marker = `60.${process.pid}1`
    const { source, settled } = hangingSource(marker)
    poller = new Poller({ collector: new SystemInformationCollector('linux', source), registry, intervalMs: 250, timeoutMs: 300 })
    await poller.pollNow()
    expect(poller.status.state).toBe('stale')
    expect(poller.status.error).toMatch(/systeminformation did not answer within 300 ms/)
    // The exec callback fires once Node has reaped the killed shell.
    await settled[0]
    expect(processesWith(`sleep ${marker}`)).toEqual([])
    const zombies = childPids(process.pid).filter((pid) => stateOf(pid) === 'Z')
    expect(zombies).toEqual([])
    expect(childPids(process.pid)).toEqual([])
  })

  it('recovers on the next poll without a restart', async () => {
    let hang = true
    const marker = `60.${process.pid}2`
    const { source: hanging, settled } = hangingSource(marker)
    const source: ConnectionSource = () => (hang ? hanging() : Promise.resolve([]))
    poller = new Poller({ collector: new SystemInformationCollector('linux', source), registry, intervalMs: 250, timeoutMs: 300 })
    await poller.pollNow()
    expect(poller.status).toMatchObject({ state: 'stale', consecutiveFailures: 1 })
    await settled[0]
    hang = false
    await poller.pollNow()
    expect(poller.status).toMatchObject({ state: 'ok', consecutiveFailures: 0, error: null })
  })
})

describe.skipIf(!linux)('killChildrenOnAbort', () => {
  it('leaves alone the children that existed before the collection began', async () => {
    const older = spawn('sleep', ['60'], { stdio: 'ignore' })
    const exited = new Promise<void>((resolve) => older.once('exit', () => resolve()))
    try {
      await new Promise<void>((resolve) => older.once('spawn', () => resolve()))
      const controller = new AbortController()
      const marker = `60.${process.pid}3`
      const work = killChildrenOnAbort(controller.signal, () => new Promise<void>((resolve) => exec(`sleep ${marker}; true`, () => resolve())))
      // Both the shell (sh -c "sleep …") and its sleep.
      await waitUntil(() => processesWith(`sleep ${marker}`).length === 2)
      controller.abort()
      await work
      expect(processesWith(`sleep ${marker}`)).toEqual([])
      expect(stateOf(older.pid!)).not.toBeNull()
      expect(stateOf(older.pid!)).not.toBe('Z')
    } finally {
      older.kill('SIGKILL')
      await exited
    }
  })

  it('does nothing when the work finishes before any abort', async () => {
    const controller = new AbortController()
    const child = spawn('sleep', ['60'], { stdio: 'ignore' })
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
    try {
      await killChildrenOnAbort(controller.signal, async () => {
        await new Promise<void>((resolve) => child.once('spawn', () => resolve()))
      })
      controller.abort()
      expect(stateOf(child.pid!)).not.toBeNull()
      expect(stateOf(child.pid!)).not.toBe('Z')
    } finally {
      child.kill('SIGKILL')
      await exited
    }
  })
})

describe.skipIf(!linux)('childPids', () => {
  it('lists a child process, and not once it has exited and been reaped', async () => {
    const child = spawn('sleep', ['60'], { stdio: 'ignore' })
    await new Promise<void>((resolve) => child.once('spawn', () => resolve()))
    expect(childPids(process.pid)).toContain(child.pid)
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
    child.kill('SIGKILL')
    await exited
    expect(childPids(process.pid)).not.toContain(child.pid)
  })

  it('is empty for a process that does not exist', () => {
    expect(childPids(2 ** 22 + 1)).toEqual([])
  })
})

/** Polls a condition (no timing assertion: the test's own timeout is the bound). */
async function waitUntil(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10))
}
