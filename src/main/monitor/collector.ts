import type { Provenance } from '../../shared/provenance'
import type { ActivitySample } from '../../shared/activity'
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
  /** A `::` listener that also accepts IPv4 (IPV6_V6ONLY off); absent where the collector cannot tell. */
  dualStack?: boolean
}

/** What the OS tells about a socket's owner beyond its name, where the collector reads it (Linux /proc). */
export interface OwnerInfo {
  executable: string | null
  commandLine: string[] | null
  user: string | null
  /** Epoch ms. */
  startTime: number | null
}

export interface CollectOptions {
  /** Add established (and other non-listening) sockets to the listeners. */
  includeConnections: boolean
  /** Measure activity (connection counts, accept queues, bytes, RTT) where the collector can (Linux sock_diag). */
  activity?: boolean
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
  /** The owner details of a pid in the last collection, read once per process (not per socket). */
  processDetails?(pid: number): OwnerInfo | undefined
  /** Where a pid of the last collection comes from (Linux), read once per process. */
  provenanceOf?(pid: number): Provenance | undefined
  /** The activity measured by the last collection (a new array only when it changed); null when none. */
  activity?(): readonly ActivitySample[] | null
  close?(): Promise<void> | void
}

/** TCP state names as `ss` and the kernel print them; UDP listeners are UNCONN. */
export const LISTEN_STATE = 'LISTEN'
export const UNCONNECTED_STATE = 'UNCONN'

/** An error's message for a status line: shared/error-text.ts, under the name collectors have used. */
export { errorText as errorMessage } from '../../shared/error-text'
