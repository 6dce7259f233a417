import '../../styles/features.css'
import type { Row } from '../../../../shared/row'
import { rowMenuItems, type RowActionId } from '../../../../shared/row-menu'
import { addressText } from '../../lib/row-actions'
import { runRowAction } from '../../lib/run-row-action'
import { useActionStore } from '../../store/action-store'
import { StopDialog } from './StopDialog'

export interface RowActionsProps {
  /** The selected rows in table order; empty when nothing is selected (the bar then says so). */
  rows: readonly Row[]
}

/** The bar's buttons: the menu's most used items (the context menu has them all). */
const BAR_ACTIONS: readonly RowActionId[] = ['stop', 'open-browser', 'copy-address', 'copy-rows', 'copy-check', 'story']
/** Labels that stay put whatever is selected, so the bar does not reflow as the selection changes. */
const BAR_LABELS: Partial<Record<RowActionId, string>> = { story: 'Story', 'copy-rows': 'Copy rows', stop: 'Stop process…' }

/** What can be done with the selected rows: stop their processes, open, copy, read the story. */
export function RowActions({ rows }: RowActionsProps) {
  const feedback = useActionStore((s) => s.feedback)
  const stopIds = useActionStore((s) => s.stopIds)
  const closeStop = useActionStore((s) => s.closeStop)
  const items = rowMenuItems(rows)
  const [first] = rows
  return (
    <div className="row-actions" role="toolbar" aria-label="Selected row actions">
      <span className="row-actions-target">
        {first === undefined ? (
          <span className="muted">Select a row for its actions</span>
        ) : rows.length === 1 ? (
          `${first.protocol} ${addressText(first)}`
        ) : (
          `${rows.length} rows selected`
        )}
      </span>
      {BAR_ACTIONS.map((id) => {
        const item = items.find((candidate) => candidate.id === id)!
        return (
          <button
            key={id}
            type="button"
            // aria-disabled, not disabled: the reason stays readable as a tooltip and the button focusable.
            aria-disabled={!item.enabled}
            title={item.reason ?? (item.accelerator ? `${item.label} (${item.accelerator.replace('CmdOrCtrl', 'Ctrl/Cmd')})` : undefined)}
            aria-keyshortcuts={item.accelerator?.replace('CmdOrCtrl', 'Control') ?? undefined}
            onClick={() => runRowAction(id, rows)}
          >
            {BAR_LABELS[id] ?? item.label}
          </button>
        )
      })}
      <span className="row-actions-feedback" role="status">
        {feedback}
      </span>
      {stopIds && <StopDialog rowIds={stopIds} onClose={closeStop} />}
    </div>
  )
}
