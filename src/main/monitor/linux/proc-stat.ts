import { readFileSync } from 'node:fs'

/** The fields of a /proc/<pid>/stat (or task/<tid>/stat) line that Portolan reads. */
export interface ProcStat {
  /** Field 2, without its parentheses (comm: may hold spaces and parentheses itself). */
  name: string
  /** Field 3: R, S, D, Z, ... */
  state: string
  /** Field 4: the parent's pid. */
  ppid: number
  /** Fields 5 and 6: the process group and session ids. */
  processGroup: number
  session: number
  /** Field 22: the start time in clock ticks since boot; null when unreadable. */
  startTicks: number | null
}

/** Parses a stat line; null when it is not one. The name (field 2) may hold spaces and parentheses, so fields are read after its last ')'. */
export function parseProcStat(text: string): ProcStat | null {
  const open = text.indexOf('(')
  const close = text.lastIndexOf(')')
  if (open < 0 || close < open) return null
  // proc(5): state, ppid, pgrp, session, ... field 22 (starttime) is the 20th after the name.
  const fields = text.slice(close + 2).split(' ')
  const ticks = Number(fields[19])
  return {
    name: text.slice(open + 1, close),
    state: fields[0] ?? '',
    ppid: Number(fields[1]),
    processGroup: Number(fields[2]),
    session: Number(fields[3]),
    startTicks: fields[19] !== undefined && Number.isFinite(ticks) ? ticks : null,
  }
}

/** /proc/<pid>/stat parsed; null when the process is gone or the line is not what proc(5) describes. */
export function readProcStat(procRoot: string, pid: number): ProcStat | null {
  let text: string
  try {
    text = readFileSync(`${procRoot}/${pid}/stat`, 'utf8')
  } catch {
    return null
  }
  return parseProcStat(text)
}

/** The /proc/<pid>/stat fields a parent chain and a process group need, all of them readable. */
export interface StatFields {
  name: string
  parent: number
  processGroup: number
  session: number
  startTicks: number
}

export function readStatFields(procRoot: string, pid: number): StatFields | null {
  const stat = readProcStat(procRoot, pid)
  if (stat === null || stat.startTicks === null) return null
  const { name, ppid: parent, processGroup, session, startTicks } = stat
  if (![parent, processGroup, session].every(Number.isFinite)) return null
  return { name, parent, processGroup, session, startTicks }
}
