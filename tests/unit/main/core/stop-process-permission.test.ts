import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { afterEach, describe, expect, it } from 'vitest'
import type { StopOutcome, StopTargetAnswer } from '../../../../src/shared/stop'
import { NOBODY, nobodyCannotRunFrom } from '../../../helpers/nobody'

const ROOT_DIR = resolve(__dirname, '../../../..')
const nobodyMissing = nobodyCannotRunFrom(ROOT_DIR)

/**
 * Run as an unprivileged user: a monitor whose collector sees another user's listener with its pid
 * (as systeminformation does on macOS and Windows), then a describe and a stop of that row.
 */
function stopperScript(pid: number, port: number): string {
  const src = (file: string) => JSON.stringify(join(ROOT_DIR, 'src/main', file))
  return `
import { ProcessStopper } from ${src('core/stop-process')}
import { Poller } from ${src('monitor/poller')}
const record = { protocol: 'tcp', family: 4, address: '127.0.0.1', port: ${port}, state: 'LISTEN', remoteAddress: null, remotePort: null, pid: ${pid}, process: 'node', uid: 0 }
const poller = new Poller({ collector: { name: 'fixed', collect: async () => [record] }, registry: { lookup: () => ({ service: null, description: null }) } })
await poller.pollNow()
const stopper = new ProcessStopper(poller)
const rowId = poller.rows()[0].id
const described = stopper.describe(rowId)
const outcome = await stopper.stop(rowId, { force: true })
console.log(JSON.stringify({ described, outcome }))
`
}

let child: ChildProcess | null = null
afterEach(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((done) => child!.once('exit', done))
    child.kill('SIGKILL')
    await exited
  }
  child = null
})

describe.skipIf(nobodyMissing !== null)(`stopping another user's process without the rights to${nobodyMissing ? ` [skipped: ${nobodyMissing}]` : ''}`, () => {
  it('says permission denied, signals nothing, and shows no executable it could not read', async () => {
    child = spawn(process.execPath, ['-e', "const s = require('net').createServer().listen(0, '127.0.0.1', () => console.log(s.address().port))"], { stdio: ['ignore', 'pipe', 'inherit'] })
    const port = Number(await new Promise<string>((done) => createInterface({ input: child!.stdout! }).once('line', done)))
    const dir = mkdtempSync(join(tmpdir(), 'portolan-nobody-'))
    try {
      chmodSync(dir, 0o755)
      const script = join(dir, 'stop.mts')
      writeFileSync(script, stopperScript(child.pid!, port), { mode: 0o644 })
      const run = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: ROOT_DIR, uid: NOBODY, gid: NOBODY, encoding: 'utf8', env: { PATH: process.env.PATH } })
      expect(run.status, run.stderr).toBe(0)
      const { described, outcome } = JSON.parse(run.stdout) as { described: StopTargetAnswer; outcome: StopOutcome }
      expect(described).toMatchObject({ ok: true, target: { pid: child.pid, executable: null, ports: [{ protocol: 'tcp', address: '127.0.0.1', port }] } })
      expect(outcome).toMatchObject({ result: 'permission-denied', pid: child.pid, signal: null, canForce: false })
      expect(outcome.message).toContain('stopping it needs root or administrator rights')
      expect(child.exitCode === null && child.signalCode === null).toBe(true)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
