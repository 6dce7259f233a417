import { portolanApi } from '../../lib/portolan-api'
import { useActionStore } from '../../store/action-store'
import { useExportStore } from '../../store/export-store'
import { errorText } from '../../lib/error-text'

/** The last export's outcome, with "Show in folder" for a saved file; it clears itself after a while. */
export function ExportResult() {
  const message = useExportStore((s) => s.message)
  const dismiss = useExportStore((s) => s.dismiss)
  if (!message) return null
  const show = (path: string) =>
    portolanApi()
      .showExportInFolder(path)
      .catch((reason: unknown) => useActionStore.getState().say(`Could not show the file: ${errorText(reason)}`))
  return (
    <span className="export-message">
      <span className="export-result" role="status" title={message.text}>
        {message.text}
      </span>
      {message.savedPath && (
        <button type="button" onClick={() => void show(message.savedPath!)}>
          Show in folder
        </button>
      )}
      <button type="button" className="icon-button" aria-label="Dismiss export message" onClick={dismiss}>
        ×
      </button>
    </span>
  )
}
