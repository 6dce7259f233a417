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
}

export interface CollectOptions {
  /** Add established (and other non-listening) sockets to the listeners. */
  includeConnections: boolean
  /** Aborted when the poller gives up on this collection; a collector must stop its work and children. */
  signal: AbortSignal
}

export interface Collector {
  readonly name: string
  /**
   * The sockets now. Returning the very same (frozen) array as the previous call says "nothing
   * changed", and the poller skips its join and diff for that poll.
   */
  collect(options: CollectOptions): Promise<SocketRecord[]>
  close?(): Promise<void> | void
}

/** TCP state names as `ss` and the kernel print them; UDP listeners are UNCONN. */
export const LISTEN_STATE = 'LISTEN'
export const UNCONNECTED_STATE = 'UNCONN'
