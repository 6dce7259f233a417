// launchd provenance for real, on macOS only (the GitHub macos runner in ci.yml): a listener submitted as a
// launchd job with `launchctl submit` is listed by the libproc reader with that job's label, its domain and
// KeepAlive as `launchctl print` tells them, launchd as its parent, and stop advice whose command, run as
// given, removes the job and frees the port.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { adviseStop } from '../../../../../src/main/core/stop-advice'
import { LibprocReader } from '../../../../../src/main/monitor/macos/libproc-reader'
import type { Provenance } from '../../../../../src/shared/provenance'

const SKIP = process.platform === 'darwin' ? null : 'launchd exists only on macOS (this runs on the macos CI runner)'
if (SKIP) console.warn(`skipping launchd provenance tests: ${SKIP}`)

const LABEL = `dev.portolan.test.${process.pid}`
// A listener that reports to the file named by argv[2] (a launchd job gets launchd's environment, not ours).
const LISTENER = `
const server = require('net').createServer()
server.listen(0, '127.0.0.1', () => require('fs').writeFileSync(process.argv[2], JSON.stringify({ pid: process.pid, port: server.address().port })))
`

describe.skipIf(SKIP !== null)(`launchd provenance on macOS${SKIP ? ` [skipped: ${SKIP}]` : ''}`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'portolan-launchd-'))
  const report = join(dir, 'report.json')
  let listener: { pid: number; port: number }
  let provenance: Provenance | undefined

  beforeAll(async () => {
    const script = join(dir, 'listener.js')
    writeFileSync(script, LISTENER)
    execFileSync('launchctl', ['submit', '-l', LABEL, '--', process.execPath, script, report])
    for (let i = 0; i < 100 && !existsSync(report); i++) await sleep(100)
    listener = JSON.parse(readFileSync(report, 'utf8')) as { pid: number; port: number }
    const collection = new LibprocReader().collect(false)
    expect(collection.records.some((r) => r.port === listener.port && r.pid === listener.pid)).toBe(true)
    provenance = collection.provenance.find((e) => e.pid === listener.pid)?.provenance
  }, 30_000)

  afterAll(() => {
    spawnSync('launchctl', ['remove', LABEL])
    rmSync(dir, { recursive: true, force: true })
  })

  it('names the job from launchctl list, with launchd as the parent that started it', () => {
    const [job] = provenance?.services ?? []
    expect(job).toMatchObject({ manager: 'launchd', name: LABEL, pid: listener.pid, displayName: null })
    expect(provenance?.supervisor).toEqual({ pid: 1, name: 'launchd', kind: 'service-manager' })
    // Found by launchctl print in the caller's domain: a submitted job is kept alive (launchctl(1), "submit").
    if (job?.domain) expect(job).toMatchObject({ restarts: true, restartsBecause: 'KeepAlive' })
    else expect(job?.restarts).toBeNull()
  })

  it('advises stopping the job, and the advised command removes it and frees the port', async () => {
    const advice = await adviseStop({ pid: listener.pid, name: 'node', provenance, protect: { self: process.pid, parent: process.ppid }, canStopContainer: false })
    const job = provenance?.services?.[0]
    expect(advice.command).toBe(job?.domain ? `launchctl bootout ${job.domain}/${LABEL}` : `launchctl remove ${LABEL}`)
    const [program = '', ...args] = (advice.command ?? '').split(' ')
    expect(spawnSync(program, args).status).toBe(0)
    let alive = true
    for (let i = 0; i < 50 && alive; i++) {
      await sleep(100)
      alive = spawnSync('kill', ['-0', String(listener.pid)]).status === 0
    }
    expect(alive).toBe(false)
  })
})
