// The Windows collector for real: Windows node.exe under Wine opens listeners, and the collector's entry,
// bundled and run by another node.exe under Wine, lists them through GetExtendedTcpTable/GetExtendedUdpTable
// and names owners from a Toolhelp snapshot. Also what systeminformation's Windows path does there.
import { join } from 'node:path'
import { writeFileSync } from 'node:fs'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { SocketRecord } from '../../../../../src/main/monitor/collector'
import type { IpHelperSocket } from '../../../../../src/main/monitor/windows/ip-helper-tables'
import type { SnapshotProcess } from '../../../../../src/main/monitor/windows/windows-processes'
import type { ProcessDetails } from '../../../../../src/main/monitor/linux/process-details'
import { listenTcp, type OpenSocket } from '../../../../helpers/sockets'
import { bundleForWindows, describeUnderWine, waitForJson, windowsPath, WineSession, type WineRun } from '../../../../helpers/wine'

const SRC = join(__dirname, '../../../../../src')
const FIXTURES = join(__dirname, 'fixtures')
/** Wine's first boot of a prefix and node.exe's start-up are slow on a shared machine: room, not a timing claim. */
const WINE_MS = 240_000

interface ListenerPorts { pid: number; tcp4: number; udp4: number; tcp6: number; udp6: number; error?: string }
interface Collection {
  ok: boolean
  error?: string
  pid: number
  records: SocketRecord[]
  unchangedSame: boolean
  connections: number
  raw: IpHelperSocket[]
  processes: SnapshotProcess[]
  details: Array<ProcessDetails | undefined>
  note: string | null
}
interface SiCollection { ok: boolean; error?: string; raw: unknown[]; records: SocketRecord[] }

function describeRun(run: WineRun): string {
  return `exit ${run.code}; stdout ${JSON.stringify(run.stdout.slice(-500))}; stderr ${JSON.stringify(run.stderr.slice(-500))}`
}

describeUnderWine('the IP Helper collector under Wine', () => {
  let wine: WineSession
  let listener: ListenerPorts
  let linuxListener: OpenSocket
  let collection: Collection
  let si: SiCollection

  beforeAll(async () => {
    wine = new WineSession()
    const out = join(wine.dir, 'bundle')
    await bundleForWindows(out, {
      'collect-entry.js': join(FIXTURES, 'collect-entry.ts'),
      // Beside the entry, under the name ipHelperWorkerScript looks for: the collector's real worker thread.
      'ipHelperWorker.js': join(SRC, 'main/monitor/windows/ip-helper-worker.ts'),
      'si-entry.js': join(FIXTURES, 'si-entry.ts'),
      'listener.js': join(FIXTURES, 'listener.ts'),
    })
    wine.boot()
    // A listener of a Linux process: Wine's tables report the machine's sockets, not only its own.
    linuxListener = await listenTcp('127.0.0.1')
    const ready = join(wine.dir, 'listener.json')
    const stop = join(wine.dir, 'listener.stop')
    const started = wine.start(join(out, 'listener.js'), [windowsPath(ready), windowsPath(stop)])
    listener = await waitForJson<ListenerPorts>(ready, WINE_MS / 2, () => describeRun(started.output()))
    if (listener.error) throw new Error(`the listener under Wine failed: ${listener.error}`)
    const collected = join(wine.dir, 'collection.json')
    const run = await wine.run(join(out, 'collect-entry.js'), [windowsPath(collected)])
    collection = await waitForJson<Collection>(collected, 1000, () => describeRun(run))
    if (!collection.ok) throw new Error(`the collector under Wine failed: ${collection.error}`)
    const siOut = join(wine.dir, 'si.json')
    const siRun = await wine.run(join(out, 'si-entry.js'), [windowsPath(siOut)])
    si = await waitForJson<SiCollection>(siOut, 1000, () => describeRun(siRun))
    writeFileSync(stop, '')
  }, WINE_MS)

  afterAll(async () => {
    await linuxListener?.close()
    wine?.close()
  }, 60_000)

  const find = (records: readonly { protocol: string; family: number; port: number }[], protocol: string, family: number, port: number) =>
    records.filter((r) => r.protocol === protocol && r.family === family && r.port === port)

  it('lists the TCP and UDP listeners a Windows process opened, with protocol, family, address, port and state', () => {
    const expected = [
      { protocol: 'tcp', family: 4, address: '127.0.0.1', port: listener.tcp4, state: 'LISTEN' },
      { protocol: 'udp', family: 4, address: '127.0.0.1', port: listener.udp4, state: 'UNCONN' },
      { protocol: 'tcp', family: 6, address: '::1', port: listener.tcp6, state: 'LISTEN' },
      { protocol: 'udp', family: 6, address: '::1', port: listener.udp6, state: 'UNCONN' },
    ]
    for (const want of expected) {
      const found = find(collection.records, want.protocol, want.family, want.port)
      expect(found, `${want.protocol}/${want.family} ${want.port}`).toHaveLength(1)
      expect(found[0]).toMatchObject({ ...want, remoteAddress: null, remotePort: null, ownerHidden: false })
    }
  })

  it('names owners from the Toolhelp snapshot where Wine reports the pid (UDP), and says nothing where it reports 0 (TCP)', () => {
    const listed = new Map(collection.processes.map((p) => [p.pid, p]))
    // Toolhelp lists Wine's processes with their Windows pids: both node.exe processes, and Wine's services.
    expect(listed.get(listener.pid)?.name).toBe('node.exe')
    expect(listed.get(collection.pid)?.name).toBe('node.exe')
    expect([...listed.values()].map((p) => p.name)).toContain('services.exe')
    for (const port of [listener.udp4, listener.udp6]) {
      const [raw] = collection.raw.filter((r) => r.protocol === 'udp' && r.port === port)
      expect(raw?.owningPid).toBe(listener.pid)
      const [record] = collection.records.filter((r) => r.protocol === 'udp' && r.port === port)
      expect(record).toMatchObject({ pid: listener.pid, process: 'node.exe' })
    }
    // The owner opens (same user): its path from QueryFullProcessImageNameW, start time from GetProcessTimes,
    // user from its token; so the status has nothing to say about elevated owners.
    const owner = collection.details.find((d) => d?.pid === listener.pid)
    expect(owner?.executable).toMatch(/\\node\.exe$/i)
    expect(Math.abs((owner?.startTime ?? 0) - Date.now())).toBeLessThan(86_400_000)
    expect(owner?.user).toEqual(expect.any(String))
    expect(collection.note).toBeNull()
    // Wine 8 fills MIB_TCPROW_OWNER_PID's dwOwningPid with 0 even for its own process's listener; the
    // collector then shows no owner (pid 0 is the System Idle Process on Windows) rather than a wrong one.
    // The join of real pids is unit-tested on table bytes (owner-join.test.ts).
    for (const port of [listener.tcp4, listener.tcp6]) {
      const [raw] = collection.raw.filter((r) => r.protocol === 'tcp' && r.port === port)
      expect(raw?.owningPid).toBe(0)
      const [record] = collection.records.filter((r) => r.protocol === 'tcp' && r.port === port)
      expect(record).toMatchObject({ pid: null, process: null })
    }
  })

  it("sees the machine's other sockets (a Linux process's listener), and answers an unchanged poll with UNCHANGED when told the records were kept", () => {
    expect(find(collection.records, 'tcp', 4, linuxListener.port)).toMatchObject([{ address: '127.0.0.1', state: 'LISTEN', pid: null }])
    expect(collection.unchangedSame).toBe(true)
    // TCP_TABLE_OWNER_PID_ALL adds connections to the listeners.
    expect(collection.connections).toBeGreaterThanOrEqual(collection.records.length)
  })

  it("systeminformation's Windows path finds nothing under Wine: Wine's netstat rejects -nao, and si hides the failure", () => {
    // Wine 8's netstat reads one option letter per argument (`-n` alone is unsupported), exits 1 on `-nao`,
    // prints no PID column and no listening TCP rows; systeminformation ignores the exit status.
    const netstat = wine.runWineProgram(['netstat', '-nao'])
    expect(netstat.code).not.toBe(0)
    expect(si.ok).toBe(true)
    expect(si.raw).toEqual([])
    expect(si.records).toEqual([])
  })
})
