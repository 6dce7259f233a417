import { afterEach, describe, expect, it } from 'vitest'
import { runCliInProcess } from '../../helpers/cli'
import { freePort, spawnChildListener, type ChildListener } from '../../e2e/support/feature-listeners'

// In-process, stopping real child processes; the answer read from the real stdin is in process.test.ts.

const kill = (args: string[], input?: string) => runCliInProcess(['kill', ...args], input === undefined ? {} : { input })

const children: ChildListener[] = []
afterEach(async () => {
  await Promise.all(children.splice(0).map((child) => child.reap()))
})

describe.skipIf(process.platform !== 'linux')('portolan kill', () => {
  it('describes the holder, stops it with --yes, re-scans and says the port is free (exit 0)', async () => {
    const target = await spawnChildListener()
    children.push(target)
    const { code, stdout } = await kill([`${target.port}/tcp`, '--yes'])
    expect(stdout).toContain(`(pid ${target.pid}`)
    expect(stdout).toContain(`tcp 127.0.0.1:${target.port}`)
    expect(stdout).toMatch(/is free\./)
    expect(code).toBe(0)
    await expect(target.exited).resolves.toBe('SIGTERM')
  })

  it('asks first, and stops nothing when the answer is not yes (exit 4)', async () => {
    const target = await spawnChildListener()
    children.push(target)
    const { code, stdout, stderr } = await kill([String(target.port)], 'n\n')
    expect(stderr, `who holds the port:\n${stdout}`).toContain('Stop this process? [y/N]')
    expect(code).toBe(4)
    expect(target.child.exitCode).toBeNull()
    expect(target.child.signalCode).toBeNull()
    const yes = await kill([String(target.port)], 'y\n')
    expect(yes.code).toBe(0)
    await expect(target.exited).resolves.toBe('SIGTERM')
  })

  it('refuses to stop without --yes where nobody can answer (exit 2), and stops nothing', async () => {
    const target = await spawnChildListener()
    children.push(target)
    const { code, stderr } = await kill([String(target.port)])
    expect(code).toBe(2)
    expect(stderr.trimEnd().split('\n').at(-1)).toBe('portolan: nobody can confirm here: add --yes to stop without asking')
    expect(target.child.exitCode).toBeNull()
    expect(target.child.signalCode).toBeNull()
  })

  it('says nothing listens on a free port (exit 3), and refuses bad input (exit 2)', async () => {
    const port = await freePort()
    const free = await kill([String(port), '--yes'])
    expect(free.code).toBe(3)
    expect(free.stderr.trim()).toBe(`portolan: nothing listens on port ${port}`)
    const bad = await kill(['http'])
    expect(bad.code).toBe(2)
    expect(bad.stderr.trim().split('\n')).toHaveLength(1)
  })
})
