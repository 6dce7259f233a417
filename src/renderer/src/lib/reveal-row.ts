import type { StoreApi } from 'zustand/vanilla'
import { ROW_HEIGHT } from '../components/table/PortTable'
import type { MonitorState } from '../store/monitor-store'
import { DEFAULT_FILTER, rowMatcher } from '../store/row-filter'
import { useViewStore } from '../store/view-store'
import { filteredRows, sortedLikeTable } from '../store/visible-rows'

/**
 * Selects a row and scrolls the grid to it (an alert or a notification was clicked). A row the filter
 * hides is shown by resetting the filter. Returns false when the row is no longer listed.
 */
export function revealRow(monitor: StoreApi<MonitorState>, rowId: string): boolean {
  const { table } = monitor.getState()
  const tracked = table.byId.get(rowId)
  if (!tracked) return false
  const view = useViewStore.getState()
  if (!rowMatcher(view.filter)(tracked.row)) useViewStore.setState({ filter: DEFAULT_FILTER })
  view.select(rowId)
  const { filter, sorting } = useViewStore.getState()
  const index = sortedLikeTable(filteredRows(table, filter), sorting).findIndex((row) => row.row.id === rowId)
  // The grid scrolls only for its own keyboard moves, so scroll its body here, once React has drawn the rows.
  requestAnimationFrame(() => {
    const body = document.querySelector<HTMLElement>('.port-grid .grid-body')
    if (body && index >= 0) body.scrollTop = Math.max(0, index * ROW_HEIGHT - body.clientHeight / 2)
    document.querySelector<HTMLElement>('.port-grid')?.focus()
  })
  return true
}
