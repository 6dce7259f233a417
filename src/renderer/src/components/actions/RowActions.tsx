import '../../styles/features.css'
import { useState } from 'react'
import type { Row } from '../../../../shared/row'
import { addressText, canOpenInBrowser, checkCommand, clientOs, rowText } from '../../lib/row-actions'
import { portolanApi } from '../../lib/portolan-api'
import { errorText } from '../../lib/error-text'
import { StopDialog } from './StopDialog'

export interface RowActionsProps {
  /** The selected row, or null when nothing is selected (the bar then says so). */
  row: Row | null
  onStory(row: Row): void
}

const OS = clientOs(navigator.platform, navigator.userAgent)

/** What can be done with the selected row: stop its process, open it, copy it, read its story. */
export function RowActions({ row, onStory }: RowActionsProps) {
  const [stopping, setStopping] = useState<string | null>(null)
  const [feedback, setFeedback] = useState('')

  const copy = (what: string, text: string) =>
    navigator.clipboard.writeText(text).then(
      () => setFeedback(`Copied ${what}: ${text.length > 60 ? `${text.slice(0, 57)}…` : text}`),
      (reason: unknown) => setFeedback(`Could not copy ${what}: ${errorText(reason)}`),
    )
  const open = (target: Row) =>
    portolanApi()
      .openInBrowser(target.id)
      .then(
        (url) => setFeedback(`Opened ${url}`),
        (reason: unknown) => setFeedback(`Not opened: ${errorText(reason)}`),
      )

  return (
    <div className="row-actions" role="toolbar" aria-label="Selected row actions">
      {row ? (
        <span className="row-actions-target">
          {row.protocol} {addressText(row)}
        </span>
      ) : (
        <span className="muted">Select a row for its actions</span>
      )}
      <button type="button" disabled={!row} onClick={() => row && setStopping(row.id)}>
        Stop process…
      </button>
      <button type="button" disabled={!row || !canOpenInBrowser(row)} onClick={() => row && open(row)}>
        Open in browser
      </button>
      <button type="button" disabled={!row} onClick={() => row && copy('address', addressText(row))}>
        Copy address
      </button>
      <button type="button" disabled={!row} onClick={() => row && copy('row', rowText(row))}>
        Copy row
      </button>
      <button type="button" disabled={!row} onClick={() => row && copy('check command', checkCommand(row, OS))}>
        Copy check command
      </button>
      <button type="button" disabled={!row} onClick={() => row && onStory(row)}>
        Story
      </button>
      <span className="row-actions-feedback" role="status">
        {feedback}
      </span>
      {stopping && <StopDialog rowId={stopping} onClose={() => setStopping(null)} />}
    </div>
  )
}
