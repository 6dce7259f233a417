import type { Row } from './row'

export const HIDDEN_OWNER_TEXT = "hidden — another user's (run as root to see)"
/** A socket no process holds an fd of: the kernel's own (NFS, WireGuard) or one from another namespace. */
export const NO_OWNER_TEXT = 'no process (kernel or another namespace)'

/** Why a row has no process to show, or null when it has one. */
export function missingOwnerText(row: Pick<Row, 'pid' | 'process' | 'ownerHidden'>): string | null {
  if (row.pid !== null || row.process !== null) return null
  return row.ownerHidden ? HIDDEN_OWNER_TEXT : NO_OWNER_TEXT
}
