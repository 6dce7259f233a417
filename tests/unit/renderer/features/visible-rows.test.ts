import type { SortingState } from '../../../../src/renderer/src/store/row-sort'
import { describe, expect, it } from 'vitest'
import { fromSavedFilters, sameFilters, toSavedFilters } from '../../../../src/renderer/src/store/filter-settings-sync'
import { DEFAULT_FILTER } from '../../../../src/renderer/src/store/row-filter'
import { fromSnapshot } from '../../../../src/renderer/src/store/row-model'
import { visibleLiveRows } from '../../../../src/renderer/src/store/visible-rows'
import { DEFAULT_SETTINGS } from '../../../../src/shared/settings'
import { makeRow, okStatus } from '../store/fixtures'

describe('the rows the table shows', () => {
  const table = fromSnapshot(
    {
      seq: 1,
      rows: [makeRow(8080), makeRow(22, { exposure: 'all', address: '0.0.0.0', id: 'tcp|4|0.0.0.0|22' }), makeRow(5432, { pid: null, process: null })],
      status: okStatus,
    },
    1_000,
  )

  it('filters and sorts like the grid, by its column definitions', () => {
    const ports = (sorting: SortingState) => visibleLiveRows(table, DEFAULT_FILTER, sorting).map((t) => t.row.port)
    expect(ports([{ id: 'port', desc: false }])).toEqual([22, 5432, 8080])
    expect(ports([{ id: 'port', desc: true }])).toEqual([8080, 5432, 22])
    // The pid column's own sorting puts unknown pids last.
    expect(ports([{ id: 'pid', desc: false }])).toEqual([22, 8080, 5432])
    expect(visibleLiveRows(table, { ...DEFAULT_FILTER, exposedOnly: true }, [{ id: 'port', desc: false }]).map((t) => t.row.port)).toEqual([22])
  })

  it('converts the filter to and from its saved form', () => {
    expect(toSavedFilters(DEFAULT_FILTER)).toEqual(DEFAULT_SETTINGS.filters)
    const saved = { text: 'node', tcp: true, udp: false, ipv4: false, ipv6: true, exposedOnly: true }
    expect(toSavedFilters(fromSavedFilters(saved))).toEqual(saved)
    expect(sameFilters(saved, { ...saved })).toBe(true)
    expect(sameFilters(saved, { ...saved, udp: true })).toBe(false)
  })
})
