// What the row actions put on the clipboard and which command they suggest, as pure functions.
import { checksFor } from '../../../shared/checks'
import { endpoint } from '../../../shared/endpoint'
import type { Row } from '../../../shared/row'
import type { StoryOs } from '../../../shared/story'

/** "127.0.0.1:8080", "[::1]:8080". */
export function addressText(row: Row): string {
  return endpoint(row.address, row.port)
}

/** One row as the JSON export writes each element. */
export function rowText(row: Row): string {
  return JSON.stringify(row, null, 2)
}

/** The OS the page runs on, from navigator.platform / userAgent; Linux when nothing says otherwise. */
export function clientOs(platform: string, userAgent: string): StoryOs {
  const text = `${platform} ${userAgent}`.toLowerCase()
  // Before "win": "darwin" contains it.
  if (text.includes('mac') || text.includes('darwin')) return 'macos'
  if (text.includes('win')) return 'windows'
  return 'linux'
}

/** The first of the story's checks for this OS: the one-liner a user runs to see the port's owner. */
export function checkCommand(row: Row, os: StoryOs): string {
  const check = checksFor(row.port, row.protocol).find((candidate) => candidate.os === os)
  // checksFor lists every OS: a missing one is a bug, not a case to paper over.
  if (!check) throw new Error(`no check command for ${os}`)
  return check.command
}

/** main opens only TCP listeners (core.browserUrlFor); the button is offered for those alone. */
export { canOpenInBrowser } from '../../../shared/row-menu'
