import { describe, expect, it } from 'vitest'
import { ALL_COLUMNS, visibleColumns } from '../../../src/renderer/src/components/table/columns'

describe('visible columns', () => {
  it('shows the columns the settings list, in the grid order', () => {
    expect(visibleColumns(['container', 'port', 'since']).map((c) => c.id)).toEqual(['port', 'since', 'container'])
  })

  it('shows every column before the settings load', () => {
    expect(visibleColumns(null)).toBe(ALL_COLUMNS)
    expect(ALL_COLUMNS.map((c) => c.header)).toContain('Seen for')
  })
})
