import { spawn } from 'node:child_process'
import { afterEach, describe, expect, it } from 'vitest'
import { runCliProcess, type CliResult } from '../../helpers/cli'
import { freePort, spawnChildListener, type ChildListener } from '../../e2e/support/feature-listeners'

/** `portolan kill …` from source with `input` on its stdin. */
function killWith(input: string, ...args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', 'kill', ...args], { cwd: process.cwd() })
    let stdout = ''
    let stderr = ''
    proc.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    proc.once('exit', (code) => resolve({ code: code ?? -1, stdout, stderr }))
    proc.stdin.end(input)
  })
}

const children: ChildListener[] = []
afterEach(async () => {
  await Promise.all(children.splice(0).map((child) => child.reap()))
})

describe.skipIf(process.platform !== 'linux')('portolan kill', () => {
  it('describes the holder, stops it with --yes, re-scans and says the port is free (exit 0)', async () => {
    const target = await spawnChildListener()
    children.push(target)
    const { code, stdout } = await runCliProcess(['kill', `${target.port}/tcp`, '--yes'])
    expect(stdout).toContain(`(pid ${target.pid}`)
    expect(stdout).toContain(`tcp 127.0.0.1:${target.port}`)
    expect(stdout).toMatch(/is free\./)
    expect(code).toBe(0)
    await expect(target.exited).resolves.toBe('SIGTERM')
  })

  it('asks first, and stops nothing when the answer is not yes (exit 4)', async () => {
    const target = await spawnChildListener()
    children.push(target)
    const { code, stderr } = await killWith('n\n', String(target.port))
    expect(stderr).toContain('Stop this process? [y/N]')
    expect(code).toBe(4)
    expect(target.child.exitCode).toBeNull()
    expect(target.child.signalCode).toBeNull()
    const yes = await killWith('y\n', String(target.port))
    expect(yes.code).toBe(0)
    await expect(target.exited).resolves.toBe('SIGTERM')
  })

  it('says nothing listens on a free port (exit 3), and refuses bad input (exit 2)', async () => {
    const port = await freePort()
    const free = await runCliProcess(['kill', String(port), '--yes'])
    expect(free.code).toBe(3)
    expect(free.stderr.trim()).toBe(`portolan: nothing listens on port ${port}`)
    const bad = await runCliProcess(['kill', 'http'])
    expect(bad.code).toBe(2)
    expect(bad.stderr.trim().split('\n')).toHaveLength(1)
  })
})
