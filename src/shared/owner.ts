import type { Row } from './row'

/** Short on purpose: the app's status bar offers "Show all owners", the CLI's hint says `sudo portolan list`. */
export const HIDDEN_OWNER_TEXT = "hidden — another user's"

/** What "Show all owners" came to: the elevated helper runs, or why not, or the command to run instead. */
export type ShowAllOwnersOutcome =
  | { state: 'shown'; message: string }
  | { state: 'failed'; message: string }
  /** No password prompt here: `command` is to be run in a terminal; the app picks the helper up when it connects. */
  | { state: 'manual'; message: string; command: string }
/** A socket no process holds an fd of: the kernel's own (NFS, WireGuard) or one from another namespace. */
export const NO_OWNER_TEXT = 'no process (kernel or another namespace)'

/** Why a row has no process to show, or null when it has one. */
export function missingOwnerText(row: Pick<Row, 'pid' | 'process' | 'ownerHidden'>): string | null {
  if (row.pid !== null || row.process !== null) return null
  return row.ownerHidden ? HIDDEN_OWNER_TEXT : NO_OWNER_TEXT
}
