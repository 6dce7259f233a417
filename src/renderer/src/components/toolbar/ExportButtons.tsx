import '../../styles/features.css'
import { useContext } from 'react'
import type { ExportFormat } from '../../../../shared/export'
import { exportShown } from '../../lib/page-commands'
import { MonitorContext } from '../../store/monitor-context'

const FORMATS: { format: ExportFormat; label: string; shortcut?: string }[] = [
  { format: 'csv', label: 'CSV', shortcut: 'Control+S' },
  { format: 'json', label: 'JSON' },
]

/** Exports the rows the table shows (filtered, in its order); the outcome shows in the action bar's message slot. */
export function ExportButtons() {
  const monitor = useContext(MonitorContext)
  return (
    <div className="export-buttons" role="group" aria-label="Export the shown rows">
      {FORMATS.map(({ format, label, shortcut }) => (
        <button
          key={format}
          type="button"
          aria-label={`Export shown rows as ${label}`}
          aria-keyshortcuts={shortcut}
          title={shortcut ? `Export shown rows as ${label} (Ctrl/Cmd+S)` : undefined}
          onClick={() => monitor && void exportShown(monitor, format)}
        >
          Export {label}
        </button>
      ))}
    </div>
  )
}
