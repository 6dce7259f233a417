import type { ContainerRef, Protocol, Row } from '../../shared/row'
import { classifyRange } from '../registry/ranges'
import type { ServiceLookup } from '../registry/lookup'
import type { SocketRecord } from './collector'
import { exposureOf } from './address'

export function rowId(r: SocketRecord): string {
  const remote = r.remotePort === null ? '' : `>${r.remoteAddress}:${r.remotePort}`
  return `${r.protocol}|${r.address}|${r.port}${remote}|${r.pid ?? '-'}`
}

/** A row as a collection makes it; the differ adds when it was first seen. */
export type RowDraft = Omit<Row, 'since'>

export interface RowContext {
  registry: ServiceLookup
  /** Whether this process can see every socket's owner. */
  privileged: boolean
  /** The container publishing this port, when a container source is wired in. */
  containerOf?(protocol: Protocol, port: number, address: string): ContainerRef | null
}

export function toRows(records: readonly SocketRecord[], ctx: RowContext): RowDraft[] {
  const rows = new Map<string, RowDraft>()
  for (const r of records) {
    const id = rowId(r)
    if (rows.has(id)) continue // the same socket seen twice (e.g. shared by several fds of one process)
    const info = ctx.registry.lookup(r.port, r.protocol)
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
      ...(r.inode !== undefined && r.inode !== 0 ? { socketInode: r.inode } : {}),
      ...(r.ownerStartTicks !== undefined ? { ownerStartTicks: r.ownerStartTicks } : {}),
    })
  }
  return [...rows.values()]
}
