import { spawn, type ChildProcess } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { pathToFileURL } from 'node:url'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { composeApp } from '../../../../src/main/core/compose'
import type { ShowAllOwnersOutcome } from '../../../../src/shared/owner'
import type { MonitorStatus, Row } from '../../../../src/shared/row'
import { NOBODY, nobodyCannotRunFrom } from '../../../helpers/nobody'
import { stringMatching } from '../../../helpers/matchers'
import { listenTcp, type OpenSocket } from '../../../helpers/sockets'

const ROOT_DIR = resolve(__dirname, '../../../..')
const nobodyMissing = nobodyCannotRunFrom(ROOT_DIR)
const TSX = pathToFileURL(require.resolve('tsx')).href
/** The CLI from source, so a stale out/ can never stand in for the code under test. */
const SOURCE_HELPER = { command: process.execPath, args: ['--import', TSX, join(ROOT_DIR, 'src/cli/index.ts'), 'helper'] }

/**
 * The app's side, run as nobody: a real core whose "Show all owners" finds no password prompt (PATH has
 * none), so it shows the command to run and waits for it. It reports each step as a JSON line: the row
 * of the test's listener before, the outcome, the row once the helper is in, and the row after the
 * helper went away.
 */
function consumerScript(): string {
  return `
import { composeApp } from ${JSON.stringify(join(ROOT_DIR, 'src/main/core/compose'))}
const [port, dataDir, program] = [Number(process.argv[2]), process.argv[3], JSON.parse(process.argv[4])]
const core = composeApp({ dataDir, containers: null, helperProgram: program, elevation: { platform: 'linux', env: { PATH: '/nonexistent' } } })
const say = (step, extra = {}) => console.log(JSON.stringify({ step, ...extra }))
const row = () => core.monitor.rows().find((r) => r.protocol === 'tcp' && r.port === port) ?? null
const status = () => { const s = core.monitor.status; return { collector: s.collector, collectorNote: s.collectorNote, privileged: s.privileged, error: s.error } }
const until = (test) => new Promise((done) => { if (test(core.monitor.status)) return done(); const off = core.monitor.onStatus((s) => { if (test(s)) { off(); done() } }) })
await core.monitor.pollNow()
say('before', { row: row(), status: status() })
say('outcome', { outcome: await core.owners.show() })
await until((s) => s.privileged)
say('helped', { row: row(), status: status() })
while (core.monitor.status.privileged) { await new Promise((done) => setTimeout(done, 100)); await core.monitor.pollNow() }
say('fallback', { row: row(), status: status() })
await core.close()
`
}

interface Step {
  step: string
  row?: Row | null
  status?: Pick<MonitorStatus, 'collector' | 'collectorNote' | 'privileged' | 'error'>
  outcome?: ShowAllOwnersOutcome
}

const children: ChildProcess[] = []
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
})

describe.skipIf(nobodyMissing !== null)(`"Show all owners": the helper as root, the app as nobody${nobodyMissing ? ` [skipped: ${nobodyMissing}]` : ''}`, () => {
  let server: OpenSocket
  const dir = mkdtempSync(join(tmpdir(), 'portolan-show-all-'))
  const helperDataDir = join(dir, 'helper-data-never-created')
  beforeAll(async () => {
    chmodSync(dir, 0o777)
    server = await listenTcp('127.0.0.1')
  })
  afterAll(async () => {
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('root\'s listener is hidden, then shown with its pid through the helper, then hidden again when the helper stops', async () => {
    const script = join(dir, 'consumer.mts')
    writeFileSync(script, consumerScript(), { mode: 0o644 })
    const consumer = spawn(process.execPath, ['--import', 'tsx', script, String(server.port), dir, JSON.stringify(SOURCE_HELPER)], {
      cwd: ROOT_DIR, uid: NOBODY, gid: NOBODY, stdio: ['ignore', 'pipe', 'inherit'], env: { PATH: process.env.PATH },
    })
    children.push(consumer)
    const lines = createInterface({ input: consumer.stdout })[Symbol.asyncIterator]()
    const next = async (): Promise<Step> => {
      const step = await lines.next()
      if (step.done === true) throw new Error('the consumer ended early')
      return JSON.parse(step.value) as Step
    }

    const before = await next()
    expect(before.row).toMatchObject({ pid: null, process: null, uid: 0, ownerHidden: true })
    expect(before.status).toMatchObject({ privileged: false })

    const { outcome } = await next()
    expect(outcome).toMatchObject({ state: 'manual', message: stringMatching(/^No password prompt \(pkexec, from polkit\) is installed here\./) })
    const command = outcome?.state === 'manual' ? outcome.command : ''
    expect(command.startsWith('sudo ')).toBe(true)

    // The person runs the command shown; this test is root already, so what follows `sudo`.
    const helper = spawn('/bin/sh', ['-c', `exec ${command.slice('sudo '.length)}`], {
      cwd: '/', stdio: ['ignore', 'inherit', 'inherit'], env: { PATH: process.env.PATH, PORTOLAN_DATA_DIR: helperDataDir },
    })
    children.push(helper)
    const helped = await next()
    expect(helped.row).toMatchObject({ pid: process.pid, uid: 0, ownerHidden: false })
    expect(helped.status).toMatchObject({ privileged: true, error: null, collector: stringMatching(/ via elevated helper$/) })

    const helperExit = new Promise<number | null>((done) => helper.once('exit', (code) => done(code)))
    helper.kill('SIGTERM')
    await expect(helperExit).resolves.toBe(0)
    const fallback = await next()
    expect(fallback.row).toMatchObject({ pid: null, uid: 0, ownerHidden: true })
    expect(fallback.status).toMatchObject({ privileged: false, error: null })
    expect(fallback.status?.collectorNote).toMatch(/^Stopped showing all owners: the elevated helper stopped\. Back to /)

    await expect(new Promise((done) => consumer.once('exit', done))).resolves.toBe(0)
    expect(existsSync(helperDataDir)).toBe(false)
  })
})

describe.skipIf(process.getuid?.() !== 0)('"Show all owners" when the app already runs as root', () => {
  it('says every owner is already shown and starts nothing', async () => {
    const core = composeApp({ dataDir: mkdtempSync(join(tmpdir(), 'portolan-show-all-root-')), containers: null, elevation: { platform: 'linux', env: { PATH: '/nonexistent' } } })
    try {
      await expect(core.owners.show()).resolves.toEqual({ state: 'shown', message: 'Portolan already runs with the rights to see every owner.' })
    } finally {
      await core.close()
    }
  })
})
