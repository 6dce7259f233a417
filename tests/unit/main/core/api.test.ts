import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { afterAll, describe, expect, it } from 'vitest'
import { requestHandlers } from '../../../../src/main/core/api'
import { composeApp } from '../../../../src/main/core/compose'
import type { Collector, SocketRecord } from '../../../../src/main/monitor/collector'

const records: SocketRecord[] = [
  { protocol: 'tcp', family: 4, address: '127.0.0.1', port: 3000, state: 'LISTEN', remoteAddress: null, remotePort: null, pid: 10, process: 'node', uid: 0 },
  { protocol: 'udp', family: 4, address: '0.0.0.0', port: 5353, state: 'UNCONN', remoteAddress: null, remotePort: null, pid: 11, process: 'avahi', uid: 0 },
]
const collector: Collector = { name: 'fixed', collect: () => Promise.resolve(records) }
const core = composeApp({ dataDir: mkdtempSync(join(tmpdir(), 'portolan-api-')), collector, containers: null })
const saved: { content: string; count: number; suggestedName: string }[] = []
const opened: string[] = []
const handlers = requestHandlers(core, {
  saveExport: (file) => (saved.push(file), Promise.resolve({ saved: true, path: `/tmp/${file.suggestedName}`, count: file.count })),
  openUrl: (url) => (opened.push(url), Promise.resolve()),
})
afterAll(() => core.close())

describe('request handlers over a real core', () => {
  it('exports the listed rows by id, skipping ids no longer listed', async () => {
    await core.monitor.pollNow()
    const ids = core.monitor.rows().map((r) => r.id)
    const result = await handlers.exportRows([...ids, 'tcp|gone|1|-'], 'csv')
    expect(result).toMatchObject({ saved: true, count: 2 })
    expect(saved[0]?.suggestedName).toMatch(/^portolan-listeners-.*\.csv$/)
    const rows = parse<Record<string, string>>(saved[0]?.content ?? '', { columns: true })
    expect(rows.map((r) => r.port).sort()).toEqual(['3000', '5353'])
  })

  it('opens only TCP listeners, at a URL built in main', async () => {
    const tcp = core.monitor.rows().find((r) => r.protocol === 'tcp')!
    const udp = core.monitor.rows().find((r) => r.protocol === 'udp')!
    await expect(handlers.openInBrowser(tcp.id)).resolves.toBe('http://localhost:3000/')
    expect(opened).toEqual(['http://localhost:3000/'])
    await expect(handlers.openInBrowser(udp.id)).rejects.toThrow(/only TCP listeners/)
    await expect(handlers.openInBrowser('tcp|127.0.0.1|9|-')).rejects.toThrow(/no longer listed/)
  })

  it('tells a story and reads settings', async () => {
    expect(((await handlers.story(1322, undefined)) as { title: string }).title).toMatch(/^Port 1322: /)
    expect(await handlers.settings()).toMatchObject({ pollIntervalMs: 1000 })
  })
})
