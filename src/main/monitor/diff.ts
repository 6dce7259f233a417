import type { Delta, Row } from '../../shared/row'
import { sameProvenance } from './provenance-join'
import { sameActivity } from '../../shared/activity'

function sameArgs(a: readonly string[] | null, b: readonly string[] | null): boolean {
  if (a === null || b === null) return a === b
  return a.length === b.length && a.every((arg, i) => arg === b[i])
}

/** Fields that make a row "changed" when they differ; `since` and `id` never change for one id. */
function sameRow(a: Row, b: Row): boolean {
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
    a.connections === b.connections &&
    a.remoteHost === b.remoteHost &&
    sameArgs(a.commandLine ?? null, b.commandLine ?? null) &&
    sameProvenance(a.provenance, b.provenance) &&
    sameActivity(a.activity, b.activity) &&
    // A socket reopened by the same process: the row must carry the new inode, or stopping would refuse it.
    a.socketInode === b.socketInode &&
    a.ownerStartTicks === b.ownerStartTicks
  )
}

/** Holds the current rows by id and turns each new collection into a delta with the next seq. */
export class RowDiffer {
  private rows = new Map<string, Row>()
  private seqValue = 0

  get seq(): number {
    return this.seqValue
  }

  current(): Row[] {
    return [...this.rows.values()]
  }

  get(id: string): Row | undefined {
    return this.rows.get(id)
  }

  /** Returns null when nothing changed (no seq is spent). */
  update(next: readonly Row[]): Delta | null {
    const nextMap = new Map<string, Row>()
    for (const row of next) nextMap.set(row.id, row)
    const added: Row[] = []
    const changed: Row[] = []
    const removed: string[] = []
    for (const [id, row] of nextMap) {
      const before = this.rows.get(id)
      if (!before) added.push(row)
      else if (!sameRow(before, row)) changed.push(row)
    }
    for (const id of this.rows.keys()) if (!nextMap.has(id)) removed.push(id)
    if (added.length === 0 && changed.length === 0 && removed.length === 0) return null
    this.rows = nextMap
    this.seqValue += 1
    return { seq: this.seqValue, added, changed, removed }
  }
}
