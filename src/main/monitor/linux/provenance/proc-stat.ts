import { readFileSync } from 'node:fs'

/** The /proc/<pid>/stat fields a parent chain needs. */
export interface StatFields {
  name: string
  parent: number
  processGroup: number
  session: number
  startTicks: number
}

/** Parses /proc/<pid>/stat; null when the process is gone or the line is not what proc(5) describes. */
export function readStatFields(procRoot: string, pid: number): StatFields | null {
  let text: string
  try {
    text = readFileSync(`${procRoot}/${pid}/stat`, 'utf8')
  } catch {
    return null
  }
  // The name (field 2) may hold spaces and parentheses; the fields after its last ')' are plain.
  const open = text.indexOf('(')
  const close = text.lastIndexOf(')')
  if (open < 0 || close < open) return null
  const fields = text.slice(close + 2).split(' ')
  // proc(5): state, ppid, pgrp, session, ... field 22 (starttime) is the 20th after the name.
  const [parent, processGroup, session, startTicks] = [fields[1], fields[2], fields[3], fields[19]].map(Number)
  if (![parent, processGroup, session, startTicks].every(Number.isFinite)) return null
  return { name: text.slice(open + 1, close), parent, processGroup, session, startTicks }
}

export function readCommandLine(procRoot: string, pid: number): string[] | null {
  try {
    const raw = readFileSync(`${procRoot}/${pid}/cmdline`, 'utf8')
    return raw ? raw.replace(/\0$/, '').split('\0') : null
  } catch {
    return null
  }
}
