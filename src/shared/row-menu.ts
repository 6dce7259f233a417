// What can be done with the selected rows, as data: the page's context menu and action bar draw it,
// and the Electron glue can build a native menu from the same items (labels, accelerators, reasons).
import type { Row } from './row'

export type RowActionId =
  | 'story'
  | 'open-browser'
  | 'stop'
  | 'copy-rows'
  | 'copy-address'
  | 'copy-command-line'
  | 'copy-check'
  | 'filter-process'
  | 'exclude-process'

export interface RowMenuItem {
  id: RowActionId
  label: string
  enabled: boolean
  /** Why it is disabled, as its tooltip; null when enabled. */
  reason: string | null
  /** Electron accelerator syntax ("CmdOrCtrl+C"), shown beside the label; null for none. */
  accelerator: string | null
  /** A separator goes before this item. */
  separatorBefore?: boolean
}

/** TCP listeners open in a browser as http://localhost:PORT (core.browserUrlFor checks the same). */
export function canOpenInBrowser(row: Pick<Row, 'protocol' | 'state'>): boolean {
  return row.protocol === 'tcp' && row.state === 'LISTEN'
}

/** Why this row's process cannot be stopped from here, or null when the stop dialog may try. */
export function stopBlockReason(row: Row): string | null {
  if (row.pid !== null) return row.pid <= 1 ? "It is held by the system's init process (pid 1), which Portolan never stops." : null
  return row.ownerHidden
    ? 'Its process belongs to another user and is hidden without root; run Portolan elevated to stop it.'
    : 'No process that Portolan can see holds it (a kernel socket, or one from another namespace or container), so there is nothing to stop.'
}

function item(id: RowActionId, label: string, reason: string | null, accelerator: string | null = null, separatorBefore = false): RowMenuItem {
  return { id, label, enabled: reason === null, reason, accelerator, ...(separatorBefore ? { separatorBefore } : {}) }
}

const NOTHING_SELECTED = 'Select a row first.'

/** The distinct stoppable pids among the rows, in row order. */
export function stoppablePids(rows: readonly Row[]): number[] {
  return [...new Set(rows.filter((row) => stopBlockReason(row) === null).map((row) => row.pid as number))]
}

/** The items for a selection (the rows in table order); each says why it is off when it is. */
export function rowMenuItems(rows: readonly Row[]): RowMenuItem[] {
  const one = rows.length === 1 ? rows[0] : null
  const none = rows.length === 0 ? NOTHING_SELECTED : null
  const single = none ?? (one ? null : 'Select a single row for this.')
  const pids = stoppablePids(rows)
  const stopReason = none ?? (pids.length > 0 ? null : one ? stopBlockReason(one) : 'None of the selected rows has a process Portolan can stop.')
  const processes = [...new Set(rows.map((row) => row.process).filter((name): name is string => name !== null))]
  const processReason = none ?? (processes.length === 1 ? null : processes.length === 0 ? 'No process name to filter on.' : 'The selected rows have different processes.')
  const processName = processes.length === 1 ? processes[0] : null
  return [
    item('story', one ? `Open the story of port ${one.port}` : 'Open the story', single, 'Enter'),
    item('open-browser', 'Open in browser', one ? (canOpenInBrowser(one) ? null : 'Only TCP listeners can be opened in a browser.') : single),
    item('stop', pids.length > 1 ? `Stop ${pids.length} processes…` : 'Stop process…', stopReason, 'Delete'),
    item('copy-rows', rows.length > 1 ? `Copy ${rows.length} rows` : 'Copy row', none, 'CmdOrCtrl+C', true),
    item('copy-address', 'Copy address', single),
    item('copy-command-line', 'Copy command line', one ? (one.commandLine ? null : 'The command line of this process is not known (another user’s process, or not Linux).') : single),
    item('copy-check', 'Copy check command', single),
    item('filter-process', processName ? `Show only ${processName}` : 'Show only this process', processReason, null, true),
    item('exclude-process', processName ? `Hide ${processName}` : 'Hide this process', processReason),
  ]
}

/** The filter word for a process name (quoted when it holds spaces). */
export function processFilterWord(name: string, exclude: boolean): string {
  const value = /[\s"]/.test(name) ? `"${name.replace(/"/g, '')}"` : name
  return exclude ? `-proc:${value}` : `proc:${value}`
}
