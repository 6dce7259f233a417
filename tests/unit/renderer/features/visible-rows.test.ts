import { afterEach, describe, expect, it, vi } from 'vitest'
import { createStore, type StoreApi } from 'zustand/vanilla'
import { revealRow } from '../../../../src/renderer/src/lib/reveal-row'
import { startFilterSync } from '../../../../src/renderer/src/store/filter-settings-sync'
import type { MonitorState } from '../../../../src/renderer/src/store/monitor-store'
import { DEFAULT_FILTER } from '../../../../src/renderer/src/store/row-filter'
import { applyDelta, fromSnapshot, type RowTable } from '../../../../src/renderer/src/store/row-model'
import { sortRows, type SortingState } from '../../../../src/renderer/src/store/row-sort'
import { useSettingsStore } from '../../../../src/renderer/src/store/settings-store'
import { useViewStore } from '../../../../src/renderer/src/store/view-store'
import { createRowPipeline, filteredRows, liveRows, visibleRowsNow } from '../../../../src/renderer/src/store/visible-rows'
import type { SettingsPatch } from '../../../../src/shared/settings'
import { DEFAULT_SETTINGS } from '../../../../src/shared/settings'
import { delta, makeRow, okStatus } from '../store/fixtures'

const BY_PORT: SortingState = [{ id: 'port', desc: false }]

const table = fromSnapshot(
  {
    seq: 1,
    rows: [makeRow(8080), makeRow(22, { exposure: 'all', address: '0.0.0.0', id: 'tcp|4|0.0.0.0|22' }), makeRow(5432, { pid: null, process: null })],
    status: okStatus,
  },
  1_000,
)

function applied(before: RowTable, parts: Parameters<typeof delta>[1]): RowTable {
  const outcome = applyDelta(before, delta(before.seq + 1, parts), 2_000)
  if (outcome.kind !== 'applied') throw new Error(`delta not applied: ${outcome.kind}`)
  return outcome.table
}

function monitorOf(rows: RowTable): StoreApi<MonitorState> {
  return createStore<MonitorState>()(() => ({ phase: 'ready', loadError: null, table: rows, status: okStatus, resyncs: 0 }))
}

const portsOf = (rows: readonly { row: { port: number } }[]) => rows.map((tracked) => tracked.row.port)

afterEach(() => {
  useViewStore.setState({ filter: DEFAULT_FILTER, sorting: BY_PORT, selectedId: null, revealId: null })
})

describe('the page pipeline (filter, sort, visible rows)', () => {
  it('lists listeners in the listeners view and sockets with a peer in the connections view, each filtered alike', () => {
    const withConnection = applied(table, { added: [makeRow(41000, { id: 'c1', state: 'ESTAB', remoteAddress: '10.0.0.9', remotePort: 443, process: 'curl' })] })
    const pipeline = createRowPipeline()
    expect(portsOf(pipeline(withConnection, DEFAULT_FILTER, BY_PORT, 'listeners').rows)).toEqual([22, 5432, 8080])
    expect(portsOf(pipeline(withConnection, DEFAULT_FILTER, BY_PORT, 'connections').rows)).toEqual([41000])
    expect(portsOf(pipeline(withConnection, { ...DEFAULT_FILTER, text: 'remote:443' }, BY_PORT, 'connections').rows)).toEqual([41000])
    expect(portsOf(pipeline(withConnection, { ...DEFAULT_FILTER, text: 'proc:nothing' }, BY_PORT, 'connections').rows)).toEqual([])
  })

  it('filters and sorts like the grid, by its column definitions', () => {
    const pipeline = createRowPipeline()
    const ports = (sorting: SortingState) => portsOf(pipeline(table, DEFAULT_FILTER, sorting).rows)
    expect(ports(BY_PORT)).toEqual([22, 5432, 8080])
    expect(ports([{ id: 'port', desc: true }])).toEqual([8080, 5432, 22])
    // The pid column's own sorting puts unknown pids last.
    expect(ports([{ id: 'pid', desc: false }])).toEqual([22, 8080, 5432])
    expect(portsOf(pipeline(table, { ...DEFAULT_FILTER, exposedOnly: true }, BY_PORT).rows)).toEqual([22])
  })

  it('gives the same result object for the same inputs, and a new one when any input changes', () => {
    const pipeline = createRowPipeline()
    const first = pipeline(table, DEFAULT_FILTER, BY_PORT)
    expect(pipeline(table, DEFAULT_FILTER, BY_PORT)).toBe(first)
    expect(pipeline(table, { ...DEFAULT_FILTER, text: '80' }, BY_PORT)).not.toBe(first)
    expect(pipeline(table, DEFAULT_FILTER, [{ id: 'port', desc: true }])).not.toBe(first)
  })

  it('keeps rows fading out in the grid but counts and exports only those still listening', () => {
    const pipeline = createRowPipeline()
    const after = applied(table, { removed: ['tcp|4|127.0.0.1|5432'], added: [makeRow(443)] })
    const visible = pipeline(after, DEFAULT_FILTER, BY_PORT)
    expect(portsOf(visible.rows)).toEqual([22, 443, 5432, 8080])
    expect(visible.rows[2]?.change).toBe('removed')
    expect(visible.liveCount).toBe(3)
    expect(portsOf(liveRows(visible))).toEqual([22, 443, 8080])
  })

  it('after a delta, agrees with sorting everything again (the incremental sort is only faster)', () => {
    const pipeline = createRowPipeline()
    const sorting: SortingState = [{ id: 'process', desc: true }, { id: 'port', desc: false }]
    let current = table
    pipeline(current, DEFAULT_FILTER, sorting)
    for (let step = 0; step < 20; step += 1) {
      const port = 1000 + step * 7
      current = applied(current, {
        added: [makeRow(port, { process: step % 3 === 0 ? 'shared' : `p${step % 5}` })],
        changed: step % 4 === 0 ? [makeRow(8080, { process: `moved${step}` })] : [],
        removed: step > 5 ? [`tcp|4|127.0.0.1|${port - 35}`] : [],
      })
      const incremental = pipeline(current, DEFAULT_FILTER, sorting).rows
      expect(incremental).toEqual(sortRows(filteredRows(current, DEFAULT_FILTER), sorting))
    }
  })

  it("finds a row's index in the shown order, or -1 when the filter hides it", () => {
    const pipeline = createRowPipeline()
    const visible = pipeline(table, DEFAULT_FILTER, [{ id: 'port', desc: true }])
    expect(visible.indexOf('tcp|4|127.0.0.1|8080')).toBe(0)
    expect(visible.indexOf('tcp|4|0.0.0.0|22')).toBe(2)
    expect(pipeline(table, { ...DEFAULT_FILTER, text: 'proc8080' }, BY_PORT).indexOf('tcp|4|0.0.0.0|22')).toBe(-1)
  })

  it('is what the export reads: the view store’s filter and sorting over the monitor’s table', () => {
    const monitor = monitorOf(table)
    useViewStore.setState({ filter: { ...DEFAULT_FILTER, text: 'proc' }, sorting: [{ id: 'port', desc: true }] })
    expect(portsOf(liveRows(visibleRowsNow(monitor)))).toEqual([8080, 5432, 22])
    // The grid asks the same pipeline, so it gets the very same rows.
    expect(visibleRowsNow(monitor)).toBe(visibleRowsNow(monitor))
  })
})

describe('reveal a row', () => {
  it('selects the row and asks the table to scroll to it, resetting a filter that hides it', () => {
    const monitor = monitorOf(table)
    useViewStore.setState({ filter: { ...DEFAULT_FILTER, text: 'nothing-matches-this' } })
    expect(revealRow(monitor, 'tcp|4|0.0.0.0|22')).toBe(true)
    const view = useViewStore.getState()
    expect(view.filter).toEqual(DEFAULT_FILTER)
    expect(view.selectedId).toBe('tcp|4|0.0.0.0|22')
    expect(view.revealId).toBe('tcp|4|0.0.0.0|22')
    expect(visibleRowsNow(monitor).indexOf('tcp|4|0.0.0.0|22')).toBe(0)
    view.revealed()
    expect(useViewStore.getState().revealId).toBeNull()
  })

  it('keeps a filter that already shows the row', () => {
    const filter = { ...DEFAULT_FILTER, exposedOnly: true }
    useViewStore.setState({ filter })
    expect(revealRow(monitorOf(table), 'tcp|4|0.0.0.0|22')).toBe(true)
    expect(useViewStore.getState().filter).toBe(filter)
  })

  it('does nothing for a row that is no longer listed', () => {
    expect(revealRow(monitorOf(table), 'tcp|4|127.0.0.1|1')).toBe(false)
    expect(useViewStore.getState().selectedId).toBeNull()
    expect(useViewStore.getState().revealId).toBeNull()
  })
})

describe('the saved filter', () => {
  it('is the view’s filter itself: restored from the settings and saved back as the user changes it', async () => {
    vi.useFakeTimers()
    try {
      const saved: SettingsPatch[] = []
      const stop = startFilterSync({ updateSettings: (patch) => (saved.push(patch), Promise.resolve({ ...DEFAULT_SETTINGS, ...patch })) })
      const restored = { text: 'node', tcp: true, udp: false, ipv4: false, ipv6: true, exposedOnly: true }
      useSettingsStore.setState({ settings: { ...DEFAULT_SETTINGS, filters: restored } })
      expect(useViewStore.getState().filter).toEqual(restored)

      useViewStore.getState().toggleProtocol('udp')
      useViewStore.getState().toggleFamily(4)
      useViewStore.getState().setFilterText('ssh')
      await vi.runAllTimersAsync()
      const sshFilters = { text: 'ssh', tcp: true, udp: true, ipv4: true, ipv6: true, exposedOnly: true }
      expect(saved).toEqual([{ filters: sshFilters }])

      // Back to what the settings hold: nothing to save.
      useSettingsStore.setState({ settings: { ...DEFAULT_SETTINGS, filters: sshFilters } })
      useViewStore.getState().setFilterText('ssh')
      await vi.runAllTimersAsync()
      expect(saved).toHaveLength(1)
      stop()
    } finally {
      vi.useRealTimers()
      useSettingsStore.setState({ settings: null })
    }
  })
})
