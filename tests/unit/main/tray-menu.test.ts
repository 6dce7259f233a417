import { mkdirSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { TRAY_MAX_GROUPS, TRAY_MAX_PORTS, groupListeners, trayMenuTemplate, trayMenuText, type TrayMenuItem } from '../../../src/main/tray-menu'
import type { MonitorStatus, Row } from '../../../src/shared/row'

function row(port: number, patch: Partial<Row> = {}): Row {
  return {
    id: `tcp|127.0.0.1|${port}|${patch.pid ?? 42}`, protocol: 'tcp', family: 4, address: '127.0.0.1', port, state: 'LISTEN', pid: 42, process: 'node',
    service: null, description: null, range: 'user', exposure: 'loopback', remoteAddress: null, remotePort: null, uid: 1000, ownerHidden: false,
    since: 0, container: null, ...patch,
  }
}
const status: MonitorStatus = {
  state: 'ok', collector: 'sock_diag', collectorNote: null, intervalMs: 1000, lastPollAt: 1, lastPollMs: 1, error: null,
  consecutiveFailures: 0, nextPollAt: null, rowCount: 5, hiddenOwners: 1, privileged: false,
}

function recording() {
  const calls: string[] = []
  const actions = {
    show: () => calls.push('show'),
    togglePause: () => calls.push('pause'),
    quit: () => calls.push('quit'),
    openInBrowser: (id: string) => calls.push(`open ${id}`),
    stop: (id: string) => calls.push(`stop ${id}`),
  }
  return { calls, actions }
}
const find = (items: readonly TrayMenuItem[], label: RegExp) => items.find((item) => item.label !== undefined && label.test(item.label))

describe('tray menu template', () => {
  const rows = [
    row(3000, { service: 'hbci' }),
    row(5173),
    row(53, { id: 'udp|127.0.0.53|53|7', protocol: 'udp', state: 'UNCONN', address: '127.0.0.53', pid: 7, process: 'systemd-resolve', service: 'domain' }),
    row(5432, { id: 'tcp|0.0.0.0|5432|-', address: '0.0.0.0', pid: null, process: null, ownerHidden: true }),
    row(41000, { id: 'conn', state: 'ESTAB', remoteAddress: '10.0.0.1', remotePort: 443 }),
  ]

  it('groups the listeners by process (connections left out), with Open in browser for TCP and Stop', () => {
    const { calls, actions } = recording()
    const menu = trayMenuTemplate(rows, status, actions)
    expect(menu[0]).toEqual({ label: '4 listeners of 3 owners', enabled: false })
    const node = find(menu, /^node \(pid 42\) · 2 ports$/)!
    expect(node.submenu!.map((item) => item.label ?? item.type)).toEqual([
      'Open tcp 127.0.0.1:3000 hbci in browser',
      'Open tcp 127.0.0.1:5173 in browser',
      'separator',
      'Stop node…',
    ])
    find(node.submenu!, /^Open tcp 127.0.0.1:3000/)!.click!()
    find(node.submenu!, /^Stop node/)!.click!()
    expect(calls).toEqual(['open tcp|127.0.0.1|3000|42', 'stop tcp|127.0.0.1|3000|42'])

    const resolver = find(menu, /^systemd-resolve/)!
    expect(resolver.submenu![0]).toEqual({ label: 'udp 127.0.0.53:53 domain', enabled: false })
    const hidden = find(menu, /^Another user's processes \(hidden\)/)!
    expect(hidden.submenu!.at(-1)).toMatchObject({ label: 'Stop process…', enabled: false })
    expect(hidden.submenu!.at(-1)!.toolTip).toMatch(/another user/)
    expect(menu.slice(-4).map((item) => item.label ?? item.type)).toEqual(['Show Portolan', 'Pause monitoring', 'separator', 'Quit Portolan'])
    expect(find(trayMenuTemplate(rows, { ...status, state: 'paused' }, actions), /monitoring$/)!.label).toBe('Resume monitoring')

    const resultsDir = fileURLToPath(new URL('../../../test-results/', import.meta.url))
    mkdirSync(resultsDir, { recursive: true })
    writeFileSync(`${resultsDir}tray-menu-template.txt`, `${trayMenuText(menu)}\n`)
  })

  it(`caps the menu at ${TRAY_MAX_GROUPS} processes and ${TRAY_MAX_PORTS} ports each, saying how many more`, () => {
    const many = Array.from({ length: TRAY_MAX_GROUPS + 3 }, (_, i) => row(2000 + i, { id: `p${i}`, pid: 100 + i, process: `svc${String(i).padStart(2, '0')}` }))
    const wide = Array.from({ length: TRAY_MAX_PORTS + 2 }, (_, i) => row(9000 + i, { id: `w${i}`, pid: 7777, process: 'wide' }))
    const menu = trayMenuTemplate([...many, ...wide], status, recording().actions)
    expect(menu.filter((item) => item.submenu)).toHaveLength(TRAY_MAX_GROUPS)
    expect(find(menu, /^…and 4 more processes/)).toBeDefined()
    const wideMenu = find(menu, /^wide \(pid 7777\)/)!.submenu!
    expect(find(wideMenu, /^…and 2 more/)).toBeDefined()
    expect(groupListeners([...many, ...wide])[0]?.title).toBe('wide (pid 7777)')
  })
})
