import '../../styles/features.css'
import { useContext, useState } from 'react'
import type { ExportFormat } from '../../../../shared/export'
import { plural } from '../../lib/format'
import { portolanApi } from '../../lib/portolan-api'
import { MonitorContext } from '../../store/monitor-context'
import { liveRows, visibleRowsNow } from '../../store/visible-rows'
import { errorText } from '../story/registry-api'

const FORMATS: { format: ExportFormat; label: string }[] = [
  { format: 'csv', label: 'CSV' },
  { format: 'json', label: 'JSON' },
]

/** Exports the rows the table shows (filtered, in its order); main looks the rows up and saves them. */
export function ExportButtons() {
  const monitor = useContext(MonitorContext)
  const [result, setResult] = useState('')
  const exportAs = async (format: ExportFormat) => {
    if (!monitor) return
    const ids = liveRows(visibleRowsNow(monitor)).map((tracked) => tracked.row.id)
    setResult(`Exporting ${plural(ids.length, 'row')}…`)
    try {
      const saved = await portolanApi().exportRows(ids, format)
      setResult(saved.saved ? `Saved ${plural(saved.count, 'row')} to ${saved.path}` : 'Export cancelled')
    } catch (reason) {
      setResult(`Not exported: ${errorText(reason)}`)
    }
  }
  return (
    <div className="export-buttons" role="group" aria-label="Export the shown rows">
      {FORMATS.map(({ format, label }) => (
        <button key={format} type="button" aria-label={`Export shown rows as ${label}`} onClick={() => void exportAs(format)}>
          Export {label}
        </button>
      ))}
      <span className="export-result" role="status">
        {result}
      </span>
    </div>
  )
}
