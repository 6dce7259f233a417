import { readdirSync } from 'node:fs'
import { readStatFields } from '../monitor/linux/proc-stat'

/** Whether `pid` still runs in process group `group` (Linux /proc). */
export function groupStillHolds(pid: number, group: number, procRoot = '/proc'): boolean {
  return readStatFields(procRoot, pid)?.processGroup === group
}

/** Every process in a process group, from one pass over /proc. */
export function groupMembers(group: number, procRoot = '/proc'): number[] {
  let names: string[]
  try {
    names = readdirSync(procRoot)
  } catch {
    return []
  }
  const members: number[] = []
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue
    if (readStatFields(procRoot, Number(name))?.processGroup === group) members.push(Number(name))
  }
  return members
}
