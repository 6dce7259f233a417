/** The fields of a /proc/<pid>/stat (or task/<tid>/stat) line that Portolan reads. */
export interface ProcStat {
  /** Field 3: R, S, D, Z, ... */
  state: string
  /** Field 4: the parent's pid. */
  ppid: number
  /** Field 22: the start time in clock ticks since boot; null when unreadable. */
  startTicks: number | null
}

/** Parses a stat line; null when it is not one. The name (field 2) may hold spaces and parentheses, so fields are read after its last ')'. */
export function parseProcStat(text: string): ProcStat | null {
  const close = text.lastIndexOf(')')
  if (close < 0) return null
  const fields = text.slice(close + 2).split(' ')
  const ticks = Number(fields[19])
  return { state: fields[0] ?? '', ppid: Number(fields[1]), startTicks: fields[19] !== undefined && Number.isFinite(ticks) ? ticks : null }
}
