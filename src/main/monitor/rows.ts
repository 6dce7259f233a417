import type { ContainerRef, Protocol, Row } from '../../shared/row'
import { classifyRange } from '../registry/ranges'
import type { ServiceLookup } from '../registry/lookup'
import type { OwnerInfo, SocketRecord } from './collector'
import { exposureOf } from './address'
import type { Provenance } from '../../shared/provenance'
import { joinProvenance, type ContainerById } from './provenance-join'

export function rowId(r: SocketRecord): string {
  const remote = r.remotePort === null ? '' : `>${r.remoteAddress}:${r.remotePort}`
  return `${r.protocol}|${r.address}|${r.port}${remote}|${r.pid ?? '-'}`
}

/** A row as a collection makes it; the differ dates it (held since, first seen). */
export type RowDraft = Omit<Row, 'since' | 'firstSeen'>

export interface RowContext {
  registry: ServiceLookup
  /** Whether this process can see every socket's owner. */
  privileged: boolean
  /** Set when connections were collected: listeners then carry how many connections they have. */
  countConnections?: boolean
  /** A remote address's host name when reverse DNS is on and has answered (never waits for it). */
  hostOf?(address: string): string | null
  /** The user's label for a port, if any. */
  labelOf?(port: number, protocol: Protocol): string | null
  /** Owner details by pid (command line, executable, user, start time), where the collector reads them. */
  ownerOf?(pid: number): OwnerInfo | undefined
  /** The container publishing this port, when a container source is wired in. */
  containerOf?(protocol: Protocol, port: number, address: string): ContainerRef | null
  /** Where a pid comes from, when the collector reads it. */
  provenanceOf?(pid: number): Provenance | undefined
  /** The container engine's names by container id, to name the container a process runs in. */
  containerById?: ContainerById
}

export function toRows(records: readonly SocketRecord[], ctx: RowContext): RowDraft[] {
  const rows = new Map<string, RowDraft>()
  for (const r of records) {
    const id = rowId(r)
    if (rows.has(id)) continue // the same socket seen twice (e.g. shared by several fds of one process)
    const info = ctx.registry.lookup(r.port, r.protocol)
    const owner = r.pid === null ? undefined : ctx.ownerOf?.(r.pid)
    const provenance = r.pid === null ? undefined : joinProvenance(ctx.provenanceOf?.(r.pid), ctx.containerById)
    rows.set(id, {
      id,
      protocol: r.protocol,
      family: r.family,
      address: r.address,
      port: r.port,
      state: r.state,
      pid: r.pid,
      process: r.process,
      service: info.service,
      description: info.description,
      range: classifyRange(r.port),
      exposure: exposureOf(r.address),
      remoteAddress: r.remoteAddress,
      remotePort: r.remotePort,
      uid: r.uid,
      ownerHidden: r.ownerHidden ?? (r.pid === null && !ctx.privileged),
      container: ctx.containerOf?.(r.protocol, r.port, r.address) ?? null,
      ...(provenance ? { provenance } : {}),
      ...(r.inode !== undefined && r.inode !== 0 ? { socketInode: r.inode } : {}),
      ...(r.ownerStartTicks !== undefined ? { ownerStartTicks: r.ownerStartTicks } : {}),
      commandLine: owner?.commandLine ?? null,
      executable: owner?.executable ?? null,
      user: owner?.user ?? null,
      processStart: owner?.startTime ?? null,
      label: ctx.labelOf?.(r.port, r.protocol) ?? null,
      ...(r.dualStack !== undefined ? { dualStack: r.dualStack } : {}),
      ...(r.remoteAddress !== null && r.remotePort !== null && ctx.hostOf ? { remoteHost: ctx.hostOf(r.remoteAddress) } : {}),
    })
  }
  const list = [...rows.values()]
  return ctx.countConnections ? withConnectionCounts(list) : list
}

/** True for a socket that is not a listener: it has a peer (or had one: TIME-WAIT and the like). */
export function isConnection(row: Pick<Row, 'remotePort'>): boolean {
  return row.remotePort !== null
}

/**
 * Each TCP listener's current connections: the sockets of the same owner on the same local port that
 * have a peer (what it accepted). Sockets no process holds any more (TIME-WAIT) are not counted.
 */
export function withConnectionCounts<R extends RowDraft>(rows: R[]): R[] {
  const counts = new Map<string, number>()
  const key = (row: RowDraft) => `${row.port}|${row.pid}`
  for (const row of rows) {
    if (row.protocol === 'tcp' && isConnection(row) && row.pid !== null) counts.set(key(row), (counts.get(key(row)) ?? 0) + 1)
  }
  for (const row of rows) if (row.protocol === 'tcp' && !isConnection(row)) row.connections = counts.get(key(row)) ?? 0
  return rows
}
