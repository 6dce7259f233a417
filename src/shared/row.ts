// The row contract (DESIGN.md): fields may be added, never renamed.
import type { Provenance } from './provenance'
import type { Activity } from './activity'

export type Protocol = 'tcp' | 'udp'
export type Family = 4 | 6
export type PortRange = 'system' | 'user' | 'dynamic'
export type Exposure = 'loopback' | 'all' | 'specific'

export const PROTOCOLS: readonly Protocol[] = ['tcp', 'udp']
export const MIN_PORT = 0
export const MAX_PORT = 65535

export interface Row {
  id: string
  protocol: Protocol
  family: Family
  address: string
  port: number
  /** LISTEN for TCP listeners, UNCONN for bound UDP, else the connection state. */
  state: string
  pid: number | null
  process: string | null
  service: string | null
  description: string | null
  range: PortRange
  exposure: Exposure
  /** Peer of an established connection; null for listeners. */
  remoteAddress: string | null
  remotePort: number | null
  /** The remote address's host name, when reverse DNS is on and answered. */
  remoteHost?: string | null
  /** Owner's uid when the collector knows it. */
  uid: number | null
  /** True when a socket has no visible owner because it belongs to another user and we lack privileges. */
  ownerHidden: boolean
  /**
   * Epoch ms since when this process (this pid) has held the socket, as far as Portolan has watched:
   * a new pid is a new row, so a restarted server starts again. Carried across Portolan's restarts
   * only when the history saw the same pid and the process started before that.
   */
  since: number
  /** Epoch ms when this listener (protocol, address, port and program) was first seen on this machine: the history, surviving restarts of both. */
  firstSeen?: number
  /** The owner's arguments, executable path, user name and start time (epoch ms), where the OS tells them (Linux /proc). */
  commandLine?: string[] | null
  executable?: string | null
  user?: string | null
  processStart?: number | null
  /** The user's own label for this port (set from its story), joined in main like the registry's name. */
  label?: string | null
  /** For a TCP listener: how many current connections it has accepted (same local port and owner); set only when connections are collected. */
  connections?: number
  /** A `::` listener that also accepts IPv4 (IPV6_V6ONLY off): counted under both families, and its exposure covers IPv4 too. */
  dualStack?: boolean
  /** The Docker container that publishes this port (its holder is then docker-proxy or the like). */
  container: ContainerRef | null
  /** Where the owner comes from (unit, container, parents, project), where the OS tells it (Linux). */
  provenance?: Provenance | null
  /** What a TCP socket is doing (connections, accept queue, bytes, rates, RTT), when activity is measured (Linux). */
  activity?: Activity | null
  /** The kernel's inode of the socket, where the OS gives it (Linux): what stopping checks the owner still holds. */
  socketInode?: number
  /**
   * The owner's start time in clock ticks since boot, where the OS gives it (Linux /proc/<pid>/stat): with
   * the pid it names one process for good, since pids are reused and start times are not.
   */
  ownerStartTicks?: number
}

export interface ContainerRef {
  /** Without Docker's leading slash. */
  name: string
  image: string
}

export interface Delta {
  seq: number
  added: Row[]
  changed: Row[]
  /** Ids of rows that left. */
  removed: string[]
}

export type MonitorState = 'starting' | 'ok' | 'stale' | 'paused'

export interface MonitorStatus {
  state: MonitorState
  /** Name of the collector in use, e.g. "systeminformation" or "sock_diag". */
  collector: string
  /** A note about the collector choice (e.g. a fallback and why). */
  collectorNote: string | null
  intervalMs: number
  /** Epoch ms when the last successful poll finished. */
  lastPollAt: number | null
  lastPollMs: number | null
  /** The last error, kept while the state is stale. */
  error: string | null
  consecutiveFailures: number
  /** Epoch ms of the next retry while stale. */
  nextPollAt: number | null
  /** Listeners listed (connections are counted apart). */
  rowCount: number
  /** Connections listed; 0 unless connections are collected. */
  connectionCount?: number
  hiddenOwners: number
  /** Whether this process can see every user's sockets' owners (root / admin). */
  privileged: boolean
  /** Whether a container engine (Docker) answered the last time it was asked. */
  containerEngine?: boolean
}

export interface Snapshot {
  seq: number
  rows: Row[]
  status: MonitorStatus
}
