// Provenance on Windows for real, under Wine: a real service (a tiny C program built here with mingw-w64,
// registered and started through Wine's service control manager) holds a UDP port, and the row names the
// service, the sentence says Windows runs it, and the stop advice's sc.exe command stops it. Wine's own
// services are found with their real pids, and listeners this test starts get the parent chain they have.
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Provenance } from '../../../../../src/shared/provenance'
import type { Row } from '../../../../../src/shared/row'
import type { StopTargetAnswer } from '../../../../../src/shared/stop'
import type { ServiceStatusEntry } from '../../../../../src/main/monitor/windows/service-layout'
import type { SnapshotProcess } from '../../../../../src/main/monitor/windows/windows-processes'
import { bundleForWindows, describeUnderWine, waitForJson, windowsPath, WineSession } from '../../../../helpers/wine'

const SRC = join(__dirname, '../../../../../src')
const FIXTURES = join(__dirname, 'fixtures')
const MINGW = 'x86_64-w64-mingw32-gcc'
/** Wine's first boot of a prefix and node.exe's start-up are slow on a shared machine: room, not a timing claim. */
const WINE_MS = 300_000
const SERVICE = `PortolanTest${process.pid}`

interface Run {
  ok: boolean
  error?: string
  self: number
  servicePid: number
  servicePort: number
  direct: { pid: number; udp4: number }
  shell: { pid: number; udp4: number }
  services: ServiceStatusEntry[]
  hosts: Array<{ pid: number; provenance: Provenance }>
  snapshot: SnapshotProcess[]
  serviceRow: Row
  directRow: Row | undefined
  shellRow: Row | undefined
  sentences: { service: string | null; direct: string | null; shell: string | null }
  target: StopTargetAnswer
  advised: string | null
  adviceStatus: number | null
  freed: boolean
  serviceGone: boolean
}

function mingwMissing(): string | null {
  return spawnSync('sh', ['-c', `command -v ${MINGW}`]).status === 0 ? null : `${MINGW} is not installed (run .ci/install-windows.sh)`
}

describeUnderWine('Windows provenance under Wine: services, parents, stop advice', () => {
  let wine: WineSession
  let run: Run

  beforeAll(async () => {
    wine = new WineSession()
    const out = join(wine.dir, 'bundle')
    const exe = join(wine.dir, 'udp-service.exe')
    const cc = spawnSync(MINGW, ['-municode', '-O2', '-o', exe, join(FIXTURES, 'udp-service.c'), '-lws2_32'], { encoding: 'utf8' })
    if (cc.status !== 0) throw new Error(`${MINGW} failed: ${cc.stderr}`)
    await bundleForWindows(out, {
      'provenance-entry.js': join(FIXTURES, 'provenance-entry.ts'),
      'ipHelperWorker.js': join(SRC, 'main/monitor/windows/ip-helper-worker.ts'),
      'listener.js': join(FIXTURES, 'listener.ts'),
    })
    wine.boot()
    const result = join(wine.dir, 'provenance.json')
    const exec = await wine.run(join(out, 'provenance-entry.js'), [windowsPath(result), windowsPath(wine.dir), windowsPath(exe), SERVICE, windowsPath(join(out, 'listener.js'))], 240_000)
    run = await waitForJson<Run>(result, 1000, () => `exit ${exec.code}; ${exec.stderr.slice(-800)}`)
    if (!run.ok) throw new Error(`the provenance run under Wine failed: ${run.error}`)
  }, WINE_MS)

  afterAll(() => wine?.close(), 60_000)

  const nameOf = (pid: number): string | undefined => run.snapshot.find((p) => p.pid === pid)?.name

  it("finds Wine's own services with the pids Toolhelp lists, and joins each host process to them", () => {
    const wineServices = run.services.filter((s) => s.name !== SERVICE)
    expect(wineServices.length).toBeGreaterThan(0)
    for (const service of wineServices) {
      expect(service.state).toBe(4) // SERVICE_RUNNING: only active services are listed
      expect(nameOf(service.pid), service.name).toBeDefined()
      const host = run.hosts.find((h) => h.pid === service.pid)?.provenance
      expect(host?.services?.map((s) => s.name), service.name).toContain(service.name)
      // Started by Wine's services.exe, the chain says so.
      expect(host?.supervisor).toMatchObject({ kind: 'service-manager', name: 'services.exe' })
      expect(host?.chain.map((l) => l.name)).toEqual([nameOf(service.pid), 'services.exe'])
    }
  })

  it("names the service that holds a port: its name, display name, start type, and an honest unknown for its recovery", () => {
    expect(run.serviceRow).toMatchObject({ protocol: 'udp', port: run.servicePort, pid: run.servicePid, process: 'udp-service.exe' })
    const p = run.serviceRow.provenance
    expect(p?.services).toEqual([expect.objectContaining({ manager: 'windows-scm', name: SERVICE, displayName: 'Portolan test service', startType: 'demand', pid: run.servicePid })])
    // Wine 8's QueryServiceConfig2W has no SERVICE_CONFIG_FAILURE_ACTIONS: so whether it restarts is unknown, and said so.
    expect(p?.services?.[0]?.restarts).toBeNull()
    expect(p?.services?.[0]?.restartsBecause).toMatch(/QueryServiceConfig2W failed with error \d+/)
    expect(p?.chain.map((l) => l.name)).toEqual(['udp-service.exe', 'services.exe'])
    expect(p).toMatchObject({ cwd: null, project: null, processGroup: null })
    expect(run.sentences.service).toBe(`Held by udp-service.exe (pid ${run.servicePid}), run by Windows as the service Portolan test service (${SERVICE}); exposed on loopback only.`)
  })

  it('advises stopping the service with the exact commands, and the advised sc.exe command stops it', () => {
    expect(run.target.ok).toBe(true)
    if (!run.target.ok) return
    const advice = run.target.target.advice
    expect(advice?.warning).toBe(`It runs as the Windows service Portolan test service (${SERVICE}); whether Windows restarts it is unknown: ${run.serviceRow.provenance?.services?.[0]?.restartsBecause}. Stopping the service (sc.exe stop ${SERVICE}) is the sure way. Stopping or disabling a service needs an administrator prompt.`)
    expect(advice?.command).toBe(`sc.exe stop ${SERVICE}`)
    expect(advice?.alternatives?.map((a) => a.command)).toEqual([
      `Stop-Service -Name ${SERVICE}`, `sc.exe config ${SERVICE} start= disabled`, `Set-Service -Name ${SERVICE} -StartupType Disabled`,
    ])
    expect(run.advised).toBe(`sc.exe stop ${SERVICE}`)
    expect(run.adviceStatus).toBe(0)
    expect(run.freed).toBe(true)
    expect(run.serviceGone).toBe(true)
  })

  it("gives a listener this test started the parent chain it has, and says nothing it does not know", () => {
    const direct = run.directRow?.provenance
    expect(run.directRow).toMatchObject({ pid: run.direct.pid, process: 'node.exe' })
    expect(direct?.chain.slice(0, 2)).toEqual([{ pid: run.direct.pid, name: 'node.exe' }, { pid: run.self, name: 'node.exe' }])
    expect(direct?.supervisor).toBeNull()
    expect(direct?.services).toEqual([])
    expect(run.sentences.direct).toBe(`Held by node.exe (pid ${run.direct.pid}); exposed on loopback only.`)
  })

  it('names cmd.exe as the shell a listener was started from, and only that', () => {
    const shell = run.shellRow?.provenance
    const cmd = shell?.chain[1]
    expect(cmd?.name).toBe('cmd.exe')
    expect(shell?.supervisor).toEqual({ pid: cmd?.pid, name: 'cmd.exe', kind: 'shell' })
    expect(shell?.chain).toHaveLength(2)
    expect(run.snapshot.find((p) => p.pid === cmd?.pid)?.parentPid).toBe(run.self)
    expect(run.sentences.shell).toBe(`Held by node.exe (pid ${run.shell.pid}), started from a shell (cmd.exe); exposed on loopback only.`)
  })
}, mingwMissing)
