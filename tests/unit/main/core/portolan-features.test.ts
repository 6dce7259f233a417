import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
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
  async collect(): Promise<SocketRecord[]> {
    return this.records
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
    expect(alerts[0].rows.map((r) => r.port)).toEqual([5432])
    expect(alerts[0].title).toBe('New listener: tcp port 5432')
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

  it('keeps a listener’s first-seen time across a restart of the monitor', async () => {
    const dir = fresh()
    const first = makeCore(dir, new ListCollector([record(3000, 'node')]))
    await first.monitor.pollNow()
    const since = first.monitor.rows()[0].since
    await first.close()
    cores.splice(cores.indexOf(first), 1)
    await new Promise((resolve) => setTimeout(resolve, 20))
    const second = makeCore(dir, new ListCollector([{ ...record(3000, 'node'), pid: 9999 }]))
    await second.monitor.pollNow()
    expect(second.monitor.rows()[0].since).toBe(since)
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
