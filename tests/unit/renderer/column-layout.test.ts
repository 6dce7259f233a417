import { describe, expect, it } from 'vitest'
import { layoutColumns, minGridWidth, reorderColumns, trackOf } from '../../../src/renderer/src/components/table/column-layout'
import { ALL_COLUMNS } from '../../../src/renderer/src/components/table/columns'
import { COLUMN_IDS, DEFAULT_COLUMNS } from '../../../src/shared/settings'

const ids = (input: Parameters<typeof layoutColumns>[0]) => layoutColumns(input).map((laid) => laid.column.id)
const base = { visibleColumns: ['container', 'port', 'since', 'remote', 'connections'] as const, view: 'listeners' as const, containersKnown: true }

describe('column layout', () => {
  it('has one column per id, each named, none twice', () => {
    expect(ALL_COLUMNS.map((c) => c.id).sort()).toEqual([...COLUMN_IDS].sort())
    expect(ALL_COLUMNS.find((c) => c.id === 'since')?.header).toBe('Held for')
    expect(ALL_COLUMNS.find((c) => c.id === 'firstSeen')?.header).toBe('First seen')
  })

  it('shows the listed columns in the default order, with the view-only ones of this view', () => {
    expect(ids(base)).toEqual(['port', 'connections', 'since', 'container'])
    expect(ids({ ...base, view: 'connections' })).toEqual(['port', 'remote', 'since', 'container'])
  })

  it('hides Container when no container engine answered', () => {
    expect(ids({ ...base, containersKnown: false })).toEqual(['port', 'connections', 'since'])
  })

  it("follows the user's order, then the rest in default order, ignoring repeats", () => {
    expect(ids({ ...base, columnOrder: ['since', 'container', 'since'] })).toEqual(['since', 'container', 'port', 'connections'])
  })

  it('uses a dragged width as a fixed track, never below the column minimum', () => {
    const laid = layoutColumns({ ...base, columnWidths: { port: 140, since: 5 } })
    expect(laid.map(trackOf)).toEqual(['140px', '60px', '64px', '110px'])
    expect(minGridWidth(laid)).toBe(140 + 60 + 64 + 110 + 12)
  })

  it('moves a dragged column to the place it was dropped on, from either side', () => {
    expect(reorderColumns(['a', 'b', 'c', 'd'] as never[], 'a' as never, 'c' as never)).toEqual(['b', 'c', 'a', 'd'])
    expect(reorderColumns(['a', 'b', 'c', 'd'] as never[], 'd' as never, 'b' as never)).toEqual(['a', 'd', 'b', 'c'])
  })

  it('fits the default listener columns in 1280 px, keeping Exposure, Process and State whole', () => {
    const laid = layoutColumns({ visibleColumns: DEFAULT_COLUMNS, view: 'listeners', containersKnown: false })
    expect(minGridWidth(laid)).toBeLessThanOrEqual(1280 - 24)
  })
})

describe('the Label column', () => {
  it('shows only once some row carries a label', () => {
    const input = { visibleColumns: ['port', 'label'] as const, view: 'listeners' as const, containersKnown: true }
    expect(layoutColumns({ ...input, labelsKnown: false }).map((laid) => laid.column.id)).toEqual(['port'])
    expect(layoutColumns({ ...input, labelsKnown: true }).map((laid) => laid.column.id)).toEqual(['port', 'label'])
  })
})
