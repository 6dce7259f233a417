import type { ChildProcess } from 'node:child_process'
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs'
import { CGROUP_SKIP, makeCgroup } from '../../../../../helpers/cgroup'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { InlineSockDiagCollector } from '../../../../../../src/main/monitor/linux/inline-sock-diag-collector'
import { ProvenanceCache } from '../../../../../../src/main/monitor/linux/provenance/provenance-cache'
import { Poller } from '../../../../../../src/main/monitor/poller'
import { NO_PORT_INFO } from '../../../../../../src/main/registry/lookup'
import { chainText } from '../../../../../../src/shared/provenance'
import type { Row } from '../../../../../../src/shared/row'
import { hasCommand, killGroup, LISTENER_SCRIPT, ListenerReports, spawnDetached } from '../../../../../helpers/child-listener'

const reports = new ListenerReports()
const started: ChildProcess[] = []
const collector = new InlineSockDiagCollector()
const poller = new Poller({ collector, registry: { lookup: () => NO_PORT_INFO } })

afterEach(() => {
  for (const child of started.splice(0)) killGroup(child)
})
afterAll(async () => {
  await poller.close()
  reports.remove()
})

async function rowOf(port: number, pid: number): Promise<Row> {
  for (let attempt = 0; attempt < 20; attempt++) {
    await poller.pollNow()
    const row = poller.rows().find((r) => r.port === port && r.pid === pid && r.state === 'LISTEN')
    if (row) return row
  }
  throw new Error(`no row for ${port} held by pid ${pid}`)
}

function startListener(argv: string[], cwd?: string): ChildProcess {
  const child = spawnDetached(argv, { cwd, env: reports.env() })
  started.push(child)
  return child
}

const unitSkip = CGROUP_SKIP
if (unitSkip) console.warn(`skipping the systemd-unit provenance test: ${unitSkip}`)

describe.skipIf(process.platform !== 'linux')('provenance of real listeners', () => {
  it.skipIf(unitSkip !== null)('names the systemd unit a listener was moved into', async () => {
    const unit = `portolan-test-${randomBytes(4).toString('hex')}.service`
    const cgroup = makeCgroup(join('system.slice', unit))
    let pid = 0
    try {
      startListener([process.execPath, '-e', LISTENER_SCRIPT, '0'])
      const reported = await reports.next()
      pid = reported.pid
      cgroup.add(pid)
      const row = await rowOf(reported.port, pid)
      expect(row.provenance?.unit).toEqual({ name: unit, manager: 'system' })
      expect(row.provenance?.container).toBeNull()
    } finally {
      expect(await cgroup.remove([pid])).toBe(true)
    }
  })

  it('names the project a listener runs in: a git repository named after the test', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'portolan-'))
    const repo = join(parent, 'names-the-project-it-runs-in')
    mkdirSync(join(repo, 'src'), { recursive: true })
    execFileSync('git', ['init', '-q', repo])
    try {
      startListener([process.execPath, '-e', LISTENER_SCRIPT, '0'], join(repo, 'src'))
      const { pid, port } = await reports.next()
      const row = await rowOf(port, pid)
      expect(row.provenance?.cwd).toBe(realpathSync(join(repo, 'src')))
      expect(row.provenance?.project).toEqual({ name: basename(repo), path: realpathSync(repo), marker: '.git' })
    } finally {
      rmSync(parent, { recursive: true, force: true })
    }
  })

  it('prefers the name a package.json gives over the directory name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'portolan-pkg-'))
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'shop-frontend', version: '1.0.0' }))
    try {
      startListener([process.execPath, '-e', LISTENER_SCRIPT, '0'], dir)
      const { pid, port } = await reports.next()
      expect((await rowOf(port, pid)).provenance?.project).toEqual({ name: 'shop-frontend', path: realpathSync(dir), marker: 'package.json' })
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('walks the parents up to the shell loop that started the listener', async () => {
    const loop = startListener(['sh', '-c', `while true; do "${process.execPath}" -e '${LISTENER_SCRIPT.replace(/'/g, `'\\''`)}' 0; done`])
    const { pid, port } = await reports.next()
    const row = await rowOf(port, pid)
    expect(row.provenance?.supervisor).toEqual({ pid: loop.pid, name: 'sh', kind: 'shell' })
    expect(chainText(row.provenance?.chain ?? [])).toBe('node ← sh')
    expect(row.provenance?.processGroup).toBe(loop.pid)
  })

  it.skipIf(!hasCommand('tmux'))('names tmux as the supervisor of a listener started in a tmux session', async () => {
    const socketName = `portolan-test-${randomBytes(4).toString('hex')}`
    const command = `"${process.execPath}" -e '${LISTENER_SCRIPT.replace(/'/g, `'\\''`)}' 0`
    execFileSync('tmux', ['-L', socketName, '-f', '/dev/null', 'new-session', '-d', `PORTOLAN_TEST_REPORT=${reports.file} exec bash -c '${command.replace(/'/g, `'\\''`)}; sleep 600'`], { env: reports.env() })
    try {
      const { pid, port } = await reports.next()
      const provenance = (await rowOf(port, pid)).provenance
      expect(provenance?.supervisor?.name).toBe('tmux')
      expect(provenance?.supervisor?.kind).toBe('multiplexer')
      expect(chainText(provenance?.chain ?? [])).toBe('node ← bash ← tmux')
    } finally {
      execFileSync('tmux', ['-L', socketName, 'kill-server'])
    }
  })

  it('reads a process once: the same answer object until the process (start time) changes', () => {
    const cache = new ProvenanceCache()
    const first = cache.get(process.pid, 1)
    expect(first?.chain[0]).toEqual({ pid: process.pid, name: 'node' })
    expect(cache.get(process.pid, 1)).toBe(first)
    expect(cache.get(process.pid, 2)).not.toBe(first)
    cache.retain(new Map([[process.pid, 2]]))
    expect(cache.get(process.pid, 1)).not.toBe(first)
  })
})
