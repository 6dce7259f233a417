import { describe, expect, it } from 'vitest'
import { rowsToTsv } from '../../../src/shared/export'
import { processFilterWord, rowMenuItems, stopBlockReason, stoppablePids, type RowActionId, type RowMenuItem } from '../../../src/shared/row-menu'
import type { Row } from '../../../src/shared/row'

function row(port: number, patch: Partial<Row> = {}): Row {
  return {
    id: `tcp|127.0.0.1|${port}|${1000 + port}`, protocol: 'tcp', family: 4, address: '127.0.0.1', port, state: 'LISTEN', pid: 1000 + port,
    process: 'node', service: null, description: null, range: 'user', exposure: 'loopback', remoteAddress: null, remotePort: null,
    uid: 1000, ownerHidden: false, since: 0, container: null, ...patch,
  }
}
/** The items by id: rowMenuItems lists every action, enabled or not, so each id is there. */
const byId = (rows: Row[]) => Object.fromEntries(rowMenuItems(rows).map((item) => [item.id, item])) as Record<RowActionId, RowMenuItem>

describe('row menu items', () => {
  it('offers everything for one TCP listener with a process, with its shortcuts', () => {
    const items = byId([row(3000, { commandLine: ['node', 'server.js'] })])
    for (const item of Object.values(items)) expect(item, item.id).toMatchObject({ enabled: true, reason: null })
    expect(items.story.label).toBe('Open the story of port 3000')
    expect(items.stop.accelerator).toBe('Delete')
    expect(items['copy-rows'].accelerator).toBe('CmdOrCtrl+C')
    expect(items['filter-process'].label).toBe('Show only node')
  })

  it('disables Stop with the true reason where there is nothing to stop', () => {
    const hidden = byId([row(22, { pid: null, process: null, ownerHidden: true })])
    expect(hidden.stop).toMatchObject({ enabled: false })
    expect(hidden.stop.reason).toMatch(/another user/)
    const kernel = byId([row(2049, { pid: null, process: null, ownerHidden: false })])
    expect(kernel.stop.reason).toMatch(/nothing to stop/)
    expect(stopBlockReason(row(80, { pid: 1, process: 'systemd' }))).toMatch(/init process/)
    expect(byId([row(53, { protocol: 'udp', state: 'UNCONN' })])['open-browser'].reason).toMatch(/Only TCP listeners/)
  })

  it('for several rows: one stop per distinct process, single-row items off, copy on', () => {
    const rows = [row(3000), row(3001, { pid: 4000 }), row(3002, { pid: 4000 }), row(22, { pid: null, process: null, ownerHidden: true })]
    const items = byId(rows)
    expect(stoppablePids(rows)).toEqual([4000])
    expect(items.stop.label).toBe('Stop process…')
    expect(byId([row(1), row(2)]).stop.label).toBe('Stop 2 processes…')
    expect(items['copy-rows']).toMatchObject({ enabled: true, label: 'Copy 4 rows' })
    expect(items['copy-address'].reason).toBe('Select a single row for this.')
    expect(byId([]).story.reason).toBe('Select a row first.')
  })

  it('quotes process names with spaces in filter words', () => {
    expect(processFilterWord('node', false)).toBe('proc:node')
    expect(processFilterWord('Web Content', true)).toBe('-proc:"Web Content"')
  })
})

describe('rows as TSV', () => {
  it('writes a header and one line per row, tabs and newlines inside values as spaces', () => {
    const text = rowsToTsv([
      row(3000, { commandLine: ['node', '-e', 'a\tb'], user: 'ana' }),
      row(5353, { protocol: 'udp', family: 6, address: '::', state: 'UNCONN', pid: null, process: null, ownerHidden: true, uid: 0 }),
    ])
    expect(text.split('\n')).toEqual([
      'Proto\tAddress\tPort\tRemote\tState\tService\tPID\tProcess\tUser\tExposure\tCommand line',
      "tcp\t127.0.0.1\t3000\t\tLISTEN\t\t4000\tnode\tana\tloopback\tnode -e 'a b'",
      "udp6\t::\t5353\t\tUNCONN\t\t\thidden — another user's\t0\tloopback\t",
      '',
    ])
  })
})
