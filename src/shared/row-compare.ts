import { sameActivity } from './activity'
import type { Provenance } from './provenance'
import type { Row } from './row'

function sameArgs(a: readonly string[] | null, b: readonly string[] | null): boolean {
  if (a === null || b === null) return a === b
  return a.length === b.length && a.every((arg, i) => arg === b[i])
}

/** Whether two rows' provenance says the same (the worker sends new objects with every changed dump). */
export function sameProvenance(a: Provenance | null | undefined, b: Provenance | null | undefined): boolean {
  if (a === b) return true
  if (!a || !b) return false
  return JSON.stringify(a) === JSON.stringify(b)
}

/**
 * Whether two rows of one id list the same socket: state, owner, names, provenance. Traffic (activity and
 * the connection count) is left out: it moves every poll on a busy server, and the table marks a row
 * "changed" only when what it lists changed, as TCPView does.
 */
export function sameListing(a: Row, b: Row): boolean {
  return (
    a.state === b.state &&
    a.pid === b.pid &&
    a.process === b.process &&
    a.service === b.service &&
    a.description === b.description &&
    a.uid === b.uid &&
    a.ownerHidden === b.ownerHidden &&
    a.container?.name === b.container?.name &&
    a.container?.image === b.container?.image &&
    a.executable === b.executable &&
    a.user === b.user &&
    a.label === b.label &&
    a.dualStack === b.dualStack &&
    a.remoteHost === b.remoteHost &&
    sameArgs(a.commandLine ?? null, b.commandLine ?? null) &&
    sameProvenance(a.provenance, b.provenance) &&
    // A socket reopened by the same process: the row must carry the new inode, or stopping would refuse it.
    a.socketInode === b.socketInode &&
    a.ownerStartTicks === b.ownerStartTicks
  )
}

/** Whether anything a row carries differs, traffic included: what the monitor sends as a change. */
export function sameRow(a: Row, b: Row): boolean {
  return sameListing(a, b) && a.connections === b.connections && sameActivity(a.activity, b.activity)
}
