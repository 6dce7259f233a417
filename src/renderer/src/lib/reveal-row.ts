import type { StoreApi } from 'zustand/vanilla'
import type { MonitorState } from '../store/monitor-store'
import { useViewStore } from '../store/view-store'

/**
 * Selects a row and has the table scroll to it (an alert or a notification was clicked). A row the
 * filter hides is shown by resetting the filter. Returns false when the row is no longer listed.
 */
export function revealRow(monitor: StoreApi<MonitorState>, rowId: string): boolean {
  const tracked = monitor.getState().table.byId.get(rowId)
  if (!tracked) return false
  useViewStore.getState().reveal(tracked.row)
  return true
}
