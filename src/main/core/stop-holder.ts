import type { Row } from '../../shared/row'
import type { ProcessIdentity, ProcessProbe } from './process-control'
import { portsLabel, processLabel } from './stop-wording'

export type HolderCheck =
  | { ok: true; identity: ProcessIdentity; /** Someone other than the row's pid holds the socket now. */ moved: boolean }
  | { ok: false; message: string }

/**
 * Who holds a row's socket right now, from a fresh look at /proc rather than the monitor's last poll:
 * the row's pid when that very process (same start time) still holds the socket's inode; else the
 * process that does (a forked child after its parent closed its copy); else a refusal that says why.
 * Without an inode (other collectors, other systems) only the pid and its start time can be checked.
 */
export function currentHolder(row: Row & { pid: number }, probe: ProcessProbe): HolderCheck {
  const { pid } = row
  const label = processLabel(row.process, pid)
  const port = portsLabel([row])
  const identity = probe.identify(pid)
  const sameProcess = identity !== null && (row.ownerStartTicks === undefined || identity.startTicks === null || identity.startTicks === row.ownerStartTicks)
  const reused = `pid ${pid} is no longer the ${row.process ?? 'process'} that held ${port} (the pid was reused by another process); nothing was stopped.`
  if (row.socketInode === undefined || !probe.hasProcfs) {
    if (!identity) return { ok: false, message: `${label} has already exited.` }
    return sameProcess ? { ok: true, identity, moved: false } : { ok: false, message: reused }
  }
  if (sameProcess && identity && probe.socketInodes(pid)?.has(row.socketInode)) return { ok: true, identity, moved: false }
  for (const holder of probe.holdersOf(row.socketInode)) {
    const now = probe.identify(holder)
    if (now) return { ok: true, identity: now, moved: true }
  }
  if (!identity) return { ok: false, message: `${label} has already exited.` }
  if (!sameProcess) return { ok: false, message: reused }
  return { ok: false, message: `${label} no longer holds ${port}, and no process we can see does (closed, or handed to another user's process); nothing was stopped.` }
}
