import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, assert, describe, expect, it } from 'vitest'
import type { AlertBatch } from '../../../../src/main/core/alerts'
import { composeApp, type PortolanApp } from '../../../../src/main/core/compose'
import type { Collector, SocketRecord } from '../../../../src/main/monitor/collector'
import { DEFAULT_SETTINGS } from '../../../../src/shared/settings'

function record(port: number, process = 'server'): SocketRecord {
  return { protocol: 'tcp', family: 4, address: '0.0.0.0', port, state: 'LISTEN', remoteAddress: null, remotePort: null, pid: 100 + port, process, uid: 0 }
}

class ListCollector implements Collector {
  readonly name = 'list'
  constructor(public records: SocketRecord[]) {}
  collect(): Promise<SocketRecord[]> {
    return Promise.resolve(this.records)
  }
}

const cores: PortolanApp[] = []
afterEach(async () => {
  await Promise.all(cores.splice(0).map((c) => c.close()))
})

function makeCore(dataDir: string, collector: Collector): PortolanApp {
  const core = composeApp({ dataDir, collector, containers: null, alertWindowMs: 50 })
  cores.push(core)
  return core
}

const fresh = () => mkdtempSync(join(tmpdir(), 'portolan-core-'))

describe('PortolanApp features', () => {
  it('alerts on new matching listeners only, not on what was listening at start, and only when enabled', async () => {
    const collector = new ListCollector([record(22, 'sshd')])
    const core = makeCore(fresh(), collector)
    const alerts: AlertBatch[] = []
    core.alerts.onAlert((batch) => alerts.push(batch))
    core.settings.update({ alerts: { ...DEFAULT_SETTINGS.alerts, enabled: true, watchedPorts: [22, 5432] } })
    await core.monitor.pollNow()
    collector.records = [record(22, 'sshd'), record(5432, 'postgres'), record(8080)]
    await core.monitor.pollNow()
    await new Promise((resolve) => setTimeout(resolve, 150))
    expect(alerts).toHaveLength(1)
    expect(alerts[0]?.rows.map((r) => r.port)).toEqual([5432])
    expect(alerts[0]?.title).toBe('New listener: tcp port 5432')
  })

  it('stays silent with alerts off (the default)', async () => {
    const collector = new ListCollector([])
    const core = makeCore(fresh(), collector)
    const alerts: AlertBatch[] = []
    core.alerts.onAlert((batch) => alerts.push(batch))
    await core.monitor.pollNow()
    collector.records = [record(22)]
    await core.monitor.pollNow()
    await new Promise((resolve) => setTimeout(resolve, 150))
    expect(alerts).toEqual([])
  })

  it('across a restart of the monitor: keeps first seen; keeps held-for only for the same, already running pid', async () => {
    const dir = fresh()
    const first = makeCore(dir, new ListCollector([record(3000, 'node')]))
    await first.monitor.pollNow()
    const since = first.monitor.rows()[0]?.since
    assert(since !== undefined, 'the first poll listed no row')
    await first.close()
    cores.splice(cores.indexOf(first), 1)
    await new Promise((resolve) => setTimeout(resolve, 20))

    // Another pid: a restarted server is a new listener, though the program was seen here before.
    const second = makeCore(dir, new ListCollector([{ ...record(3000, 'node'), pid: 9999 }]))
    await second.monitor.pollNow()
    expect(second.monitor.rows()[0]?.firstSeen).toBe(since)
    expect(second.monitor.rows()[0]?.since).toBeGreaterThan(since)
    const secondSince = second.monitor.rows()[0]?.since
    assert(secondSince !== undefined, 'the second poll listed no row')
    await second.close()
    cores.splice(cores.indexOf(second), 1)

    // The same pid, whose process started before the history saw it: Portolan restarted, the server did not.
    const same = new ListCollector([{ ...record(3000, 'node'), pid: 9999 }])
    const sameCore = makeCore(dir, Object.assign(same, { processDetails: () => ({ executable: null, commandLine: null, user: null, startTime: secondSince - 1 }) }))
    await sameCore.monitor.pollNow()
    expect(sameCore.monitor.rows()[0]).toMatchObject({ since: secondSince, firstSeen: since })
    await sameCore.close()
    cores.splice(cores.indexOf(sameCore), 1)

    // The same pid number, but a process started after that: the pid was reused.
    const reused = new ListCollector([{ ...record(3000, 'node'), pid: 9999 }])
    const reusedCore = makeCore(dir, Object.assign(reused, { processDetails: () => ({ executable: null, commandLine: null, user: null, startTime: Date.now() }) }))
    await reusedCore.monitor.pollNow()
    expect(reusedCore.monitor.rows()[0]?.since).toBeGreaterThan(secondSince)
  })

  it("puts the user's port label on the rows at once, the protocol's own before one for both, and takes it off again", async () => {
    const core = makeCore(fresh(), new ListCollector([record(3000, 'node')]))
    await core.monitor.pollNow()
    expect(core.monitor.rows()[0]?.label).toBeNull()
    core.labels.set({ port: 3000, protocol: null, label: 'any proto', note: null })
    core.labels.set({ port: 3000, protocol: 'tcp', label: 'Frontend dev', note: null })
    await core.monitor.pollNow()
    expect(core.monitor.rows()[0]?.label).toBe('Frontend dev')
    core.labels.remove(3000, 'tcp')
    await core.monitor.pollNow()
    expect(core.monitor.rows()[0]?.label).toBe('any proto')
  })

  it('applies and persists the poll interval from settings', async () => {
    const dir = fresh()
    const core = makeCore(dir, new ListCollector([]))
    core.settings.update({ pollIntervalMs: 5000 })
    expect(core.monitor.status.intervalMs).toBe(5000)
    await core.close()
    cores.splice(cores.indexOf(core), 1)
    expect(makeCore(dir, new ListCollector([])).monitor.status.intervalMs).toBe(5000)
  })

  it('polls five times slower while the window is hidden, and at the chosen pace again when shown', () => {
    const core = makeCore(fresh(), new ListCollector([]))
    core.pace.setIntervalMs(1000)
    core.pace.setVisible(false)
    expect(core.monitor.status.intervalMs).toBe(5000)
    core.settings.update({ pollIntervalMs: 2000 })
    expect(core.monitor.status.intervalMs).toBe(10_000)
    core.pace.setVisible(true)
    expect(core.monitor.status.intervalMs).toBe(2000)
  })

  it('pauses and resumes monitoring', () => {
    const core = makeCore(fresh(), new ListCollector([]))
    core.start()
    core.pace.setPaused(true)
    expect(core.monitor.status.state).toBe('paused')
    core.pace.setPaused(false)
    expect(core.monitor.status.state).not.toBe('paused')
  })
})
