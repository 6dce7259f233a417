// Runs one of the row actions (shared/row-menu.ts) on the selected rows: the action bar, the context
// menu and the grid's keys all come here.
import { commandLineText } from '../../../shared/command-line'
import { rowsToTsv } from '../../../shared/export'
import type { Row } from '../../../shared/row'
import { processFilterWord, rowMenuItems, type RowActionId } from '../../../shared/row-menu'
import { useActionStore } from '../store/action-store'
import { useViewStore } from '../store/view-store'
import { errorText } from './error-text'
import { portolanApi } from './portolan-api'
import { addressText, checkCommand, clientOs } from './row-actions'

const OS = clientOs(navigator.platform, navigator.userAgent)

function short(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim()
  return line.length > 60 ? `${line.slice(0, 57)}…` : line
}

function copy(what: string, text: string, shown = short(text)): void {
  const { say } = useActionStore.getState()
  navigator.clipboard.writeText(text).then(
    () => say(`Copied ${what}${shown ? `: ${shown}` : ''}`),
    (reason: unknown) => say(`Could not copy ${what}: ${errorText(reason)}`),
  )
}

/** Adds a word to the filter text (replacing the same word's opposite). */
function addFilterWord(word: string): void {
  const view = useViewStore.getState()
  const opposite = word.startsWith('-') ? word.slice(1) : `-${word}`
  const words = view.filter.text.split(/\s+/).filter((w) => w !== '' && w !== word && w !== opposite)
  view.setFilterText([...words, word].join(' '))
}

/** Runs `id` on `rows` (in table order) if the menu offers it for them; a disabled action says why. */
export function runRowAction(id: RowActionId, rows: readonly Row[]): void {
  const item = rowMenuItems(rows).find((candidate) => candidate.id === id)
  const { say, openStop } = useActionStore.getState()
  if (!item) return
  if (!item.enabled) {
    if (item.reason) say(item.reason)
    return
  }
  const [first] = rows
  // rowMenuItems enables nothing without a row.
  if (!first) return
  switch (id) {
    case 'story':
      useViewStore.getState().openStory({ port: first.port, protocol: first.protocol })
      return
    case 'open-browser':
      portolanApi()
        .openInBrowser(first.id)
        .then(
          (url) => say(`Opened ${url}`),
          (reason: unknown) => say(`Not opened: ${errorText(reason)}`),
        )
      return
    case 'stop':
      openStop(rows.map((row) => row.id))
      return
    case 'copy-rows':
      copy(rows.length === 1 ? 'row' : `${rows.length} rows`, rowsToTsv(rows), rows.length === 1 ? addressText(first) : '')
      return
    case 'copy-address':
      copy('address', addressText(first))
      return
    case 'copy-command-line':
      copy('command line', commandLineText(first.commandLine))
      return
    case 'copy-check':
      copy('check command', checkCommand(first, OS))
      return
    case 'filter-process':
    case 'exclude-process':
      {
        const name = rows.find((row) => row.process !== null)?.process
        if (name) addFilterWord(processFilterWord(name, id === 'exclude-process'))
      }
      return
  }
}
