// Which columns the grid shows, in which order and how wide: a pure function of the settings and the view.
import type { ColumnId, Settings, TableView } from '../../../../shared/settings'
import { COLUMN_MAX_WIDTH } from '../../../../shared/settings'
import { ALL_COLUMNS, COLUMN_BY_ID, type TableColumn } from './columns'

export interface LayoutInput {
  visibleColumns: readonly ColumnId[] | null | undefined
  columnOrder?: readonly ColumnId[]
  columnWidths?: Partial<Record<ColumnId, number>>
  view: TableView
  /** Whether a Docker engine answered: without one, the Container column has nothing to say. */
  containersKnown: boolean
  /** Whether any row has a user's label: without one, the Label column would be empty. */
  labelsKnown?: boolean
}

export interface LaidOutColumn {
  column: TableColumn
  /** px when the user resized it; else null (its default track). */
  width: number | null
}

/** Columns that make sense in one view only: a listener has no peer; a connection accepts no connections. */
const VIEW_ONLY: Partial<Record<ColumnId, TableView>> = { remote: 'connections', connections: 'listeners' }

/** The user's order first (ids once each), then every other column in its default place. */
export function orderedColumns(order: readonly ColumnId[] | undefined): TableColumn[] {
  const seen = new Set<ColumnId>()
  const out: TableColumn[] = []
  for (const id of order ?? []) {
    const column = COLUMN_BY_ID.get(id)
    if (column && !seen.has(id)) {
      seen.add(id)
      out.push(column)
    }
  }
  for (const column of ALL_COLUMNS) if (!seen.has(column.id)) out.push(column)
  return out
}

export function layoutColumns(input: LayoutInput): LaidOutColumn[] {
  const wanted = input.visibleColumns && input.visibleColumns.length > 0 ? new Set(input.visibleColumns) : null
  const shown = orderedColumns(input.columnOrder).filter((column) => {
    if (wanted && !wanted.has(column.id)) return false
    const only = VIEW_ONLY[column.id]
    if (only && only !== input.view) return false
    if (column.id === 'label' && input.labelsKnown === false) return false
    return column.id !== 'container' || input.containersKnown
  })
  const columns = shown.length > 0 ? shown : ALL_COLUMNS.filter((column) => !VIEW_ONLY[column.id] || VIEW_ONLY[column.id] === input.view)
  return columns.map((column) => ({ column, width: clampWidth(column, input.columnWidths?.[column.id]) }))
}

function clampWidth(column: TableColumn, width: number | undefined): number | null {
  if (width === undefined || !Number.isFinite(width)) return null
  return Math.round(Math.min(COLUMN_MAX_WIDTH, Math.max(column.minWidth, width)))
}

/** One track of grid-template-columns: a dragged width is fixed; a growing column shares what is left. */
export function trackOf({ column, width }: LaidOutColumn): string {
  if (width !== null) return `${width}px`
  return column.grow ? `minmax(${column.minWidth}px, ${column.width}fr)` : `${column.width}px`
}

/** The narrowest the grid gets before it scrolls sideways. */
export function minGridWidth(columns: readonly LaidOutColumn[]): number {
  return columns.reduce((sum, laid) => sum + (laid.width ?? (laid.column.grow ? laid.column.minWidth : laid.column.width)), 0) + 12
}

/** The order after dragging `moved` onto `target`'s place (it lands before the target when coming from the right). */
export function reorderColumns(current: readonly ColumnId[], moved: ColumnId, target: ColumnId): ColumnId[] {
  if (moved === target) return [...current]
  const without = current.filter((id) => id !== moved)
  const from = current.indexOf(moved)
  const to = without.indexOf(target)
  if (to < 0 || from < 0) return [...current]
  // Moving right drops it after the target, moving left before it: the target swaps sides with it.
  without.splice(from < current.indexOf(target) ? to + 1 : to, 0, moved)
  return without
}

export type LayoutSettings = Pick<Settings, 'columnOrder' | 'columnWidths'>
