import type { Family, Protocol } from '../../shared/row'

/** One socket as a collector sees it, before the registry join. */
export interface SocketRecord {
  protocol: Protocol
  family: Family
  address: string
  port: number
  state: string
  remoteAddress: string | null
  remotePort: number | null
  pid: number | null
  process: string | null
  uid: number | null
  /** The socket's inode, where the collector reads it (Linux sock_diag). */
  inode?: number
  /** The owner's start time in clock ticks since boot (/proc/<pid>/stat), where known. */
  ownerStartTicks?: number
  /**
   * Whether a missing owner is hidden from us, for collectors that know it (Windows names every owner's
   * pid without elevation). When absent, a null pid counts as hidden unless we are privileged.
   */
  ownerHidden?: boolean
}

export interface CollectOptions {
  /** Add established (and other non-listening) sockets to the listeners. */
  includeConnections: boolean
  /** Aborted when the poller gives up on this collection; a collector must stop its work and children. */
  signal: AbortSignal
  /**
   * The caller still holds this collector's previous answer, so the collector may answer UNCHANGED
   * instead of sending the same records again. Without it, a collector returns its records.
   */
  lastKept?: boolean
}

/** A collector's answer when the sockets are those of its previous answer, which the caller kept. */
export const UNCHANGED = Symbol('unchanged')
export type Collection = SocketRecord[] | typeof UNCHANGED

export interface Collector {
  readonly name: string
  /** Why this collector is the one in use, when that can change while it runs (a fallback); shown in the status. */
  readonly note?: string | null
  /** Set when the collector sees every user's socket owners whatever this process may see (an elevated helper). */
  readonly privileged?: boolean
  /** The sockets now, or UNCHANGED (only when asked with lastKept: the poller then skips its join and diff). */
  collect(options: CollectOptions & { lastKept?: false }): Promise<SocketRecord[]>
  collect(options: CollectOptions): Promise<Collection>
  close?(): Promise<void> | void
}

/** TCP state names as `ss` and the kernel print them; UDP listeners are UNCONN. */
export const LISTEN_STATE = 'LISTEN'
export const UNCONNECTED_STATE = 'UNCONN'

/** An error's message for a status line: shared/error-text.ts, under the name collectors have used. */
export { errorText as errorMessage } from '../../shared/error-text'
