import type { Row } from '../../shared/row'
import type { HeldPort } from '../../shared/stop'
import { portsLabel, processLabel } from './stop-wording'

/** Processes Portolan must never stop: itself and whoever started it. */
export interface ProtectedPids {
  self: number
  parent: number
}

export const PORTOLAN_PIDS: ProtectedPids = { self: process.pid, parent: process.ppid }

export type TargetLookup =
  | { ok: true; row: Row; pid: number; name: string | null; ports: HeldPort[] }
  | { ok: false; message: string }

/** Listening sockets the monitor lists under `pid`, one per protocol/address/port, by port. */
export function portsHeldBy(rows: readonly Row[], pid: number): HeldPort[] {
  const held = new Map<string, HeldPort>()
  for (const row of rows) {
    if (row.pid !== pid || row.remotePort !== null) continue
    held.set(`${row.protocol}|${row.address}|${row.port}`, { protocol: row.protocol, address: row.address, port: row.port })
  }
  return [...held.values()].sort((a, b) => a.port - b.port || a.protocol.localeCompare(b.protocol) || a.address.localeCompare(b.address))
}

/**
 * The process behind a listed row, or why it must not be stopped. The pid comes from the monitor's
 * own rows, never from the page, so only a process that holds a listed socket right now qualifies.
 */
export function findStopTarget(rows: readonly Row[], rowId: string, protect: ProtectedPids = PORTOLAN_PIDS): TargetLookup {
  const row = rows.find((r) => r.id === rowId)
  if (!row) return { ok: false, message: 'That socket is no longer listed; nothing was stopped.' }
  const port = portsLabel([row])
  const pid = row.pid
  if (pid === null) {
    return {
      ok: false,
      message: row.ownerHidden
        ? `The process holding ${port} belongs to another user and is hidden ("Show all owners" names it); stopping it needs that user or root.`
        : `No process owns ${port} (the kernel or a container runtime holds it); there is nothing to stop.`,
    }
  }
  const name = row.process
  const refusal = protectedReason(pid, name, protect)
  if (refusal) return { ok: false, message: refusal }
  return { ok: true, row, pid, name, ports: portsHeldBy(rows, pid) }
}

/** Why this process must never be stopped (init, Portolan, whoever started it), or null. */
export function protectedReason(pid: number, name: string | null, protect: ProtectedPids = PORTOLAN_PIDS): string | null {
  if (pid <= 1) return `Refusing to stop ${processLabel(name, pid)}: it is the system's init process.`
  if (pid === protect.self) return `Refusing to stop ${processLabel(name, pid)}: that is Portolan itself.`
  if (pid === protect.parent) return `Refusing to stop ${processLabel(name, pid)}: it started Portolan.`
  return null
}

/** Listening sockets among `rows` whose inode is in `inodes`: what a process holds, by its own fds. */
export function portsWithInodes(rows: readonly Row[], inodes: ReadonlySet<number>): HeldPort[] {
  const held = new Map<string, HeldPort>()
  for (const row of rows) {
    if (row.remotePort !== null || row.socketInode === undefined || !inodes.has(row.socketInode)) continue
    held.set(`${row.protocol}|${row.address}|${row.port}`, { protocol: row.protocol, address: row.address, port: row.port })
  }
  return [...held.values()].sort((a, b) => a.port - b.port || a.protocol.localeCompare(b.protocol) || a.address.localeCompare(b.address))
}
