// Page-wide commands that a button and a shortcut share: pause or resume, export the shown rows.
import type { StoreApi } from 'zustand/vanilla'
import type { ExportFormat } from '../../../shared/export'
import type { MonitorState } from '../store/monitor-store'
import { useExportStore } from '../store/export-store'
import { liveRows, visibleRowsNow } from '../store/visible-rows'
import { errorText } from './error-text'
import { plural } from './format'
import { portolanApi } from './portolan-api'

/** Pauses or resumes, the opposite of what the monitor last reported. */
export function togglePause(monitor: StoreApi<MonitorState>): Promise<void> {
  const paused = monitor.getState().status?.state === 'paused'
  return portolanApi().setPaused(!paused)
}

/** Exports the rows the table shows (filtered, in its order); main looks the rows up and saves them. */
export async function exportShown(monitor: StoreApi<MonitorState>, format: ExportFormat): Promise<void> {
  const { report } = useExportStore.getState()
  const ids = liveRows(visibleRowsNow(monitor)).map((tracked) => tracked.row.id)
  report({ text: `Exporting ${plural(ids.length, 'row')}…`, savedPath: null, sticky: true })
  try {
    const saved = await portolanApi().exportRows(ids, format)
    report(saved.saved ? { text: `Saved ${plural(saved.count, 'row')} to ${saved.path}`, savedPath: saved.path, sticky: false } : { text: 'Export cancelled', savedPath: null, sticky: false })
  } catch (reason) {
    report({ text: `Not exported: ${errorText(reason)}`, savedPath: null, sticky: false })
  }
}
