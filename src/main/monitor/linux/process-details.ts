import { readFileSync, readlinkSync, statSync } from 'node:fs'
import { readProcStat } from './proc-stat'

/** What `ps` would say about a socket's owner. */
export interface ProcessDetails {
  pid: number
  name: string | null
  /** /proc/<pid>/exe; null when the kernel hides it (another user's process) or the binary is gone. */
  executable: string | null
  commandLine: string[] | null
  uid: number | null
  user: string | null
  /** Epoch ms. */
  startTime: number | null
}

/** USER_HZ: the unit of /proc/<pid>/stat times, fixed at 100 on every architecture Linux exposes to user space. */
const CLOCK_TICKS_PER_SECOND = 100

/** What `read` returns, or null when /proc refuses (process gone, or another user's). */
function orNull<T>(read: () => T): T | null {
  try {
    return read()
  } catch {
    return null
  }
}

const readText = (file: string): string | null => orNull(() => readFileSync(file, 'utf8'))

/**
 * The process start time in clock ticks since boot (field 22 of /proc/<pid>/stat), or null when the
 * process is gone. With the pid it names one process for good: pids are reused, start times are not.
 */
export function readStartTicks(procRoot: string, pid: number): number | null {
  return readStat(procRoot, pid)?.startTicks ?? null
}

/** The name (comm, field 2) and start ticks of /proc/<pid>/stat: one read tells both exit and exec. */
export interface ProcessStat {
  name: string
  startTicks: number
}

export function readStat(procRoot: string, pid: number): ProcessStat | null {
  const stat = readProcStat(procRoot, pid)
  return stat === null || stat.startTicks === null ? null : { name: stat.name, startTicks: stat.startTicks }
}

/** /proc/<pid>/cmdline as its arguments; null when unreadable or empty (a kernel thread). */
export function readCommandLine(procRoot: string, pid: number): string[] | null {
  const raw = readText(`${procRoot}/${pid}/cmdline`)
  return raw ? raw.replace(/\0$/, '').split('\0') : null
}

/** Same arguments, in the same order. */
export function sameCommandLine(a: readonly string[] | null, b: readonly string[] | null): boolean {
  if (a === null || b === null) return a === b
  return a.length === b.length && a.every((arg, i) => arg === b[i])
}

function parsePasswd(text: string | null): Map<number, string> {
  const users = new Map<number, string>()
  for (const line of text?.split('\n') ?? []) {
    const [name, , uid] = line.split(':')
    if (name && uid !== undefined && /^\d+$/.test(uid) && !users.has(Number(uid))) users.set(Number(uid), name)
  }
  return users
}

function parseBootTime(text: string | null): number | null {
  const match = text?.match(/^btime (\d+)$/m)
  return match ? Number(match[1]) * 1000 : null
}

/** Process details, read once per (pid, start time) and kept while the process lives. */
export class ProcessDetailsCache {
  private byKey = new Map<string, ProcessDetails>()
  private users: Map<number, string> | null = null
  private bootTime: number | null | undefined

  constructor(private readonly procRoot = '/proc', private readonly passwdFile = '/etc/passwd') {}

  get(pid: number, startTicks: number): ProcessDetails {
    const key = `${pid}:${startTicks}`
    let details = this.byKey.get(key)
    if (!details) {
      details = this.read(pid, startTicks)
      this.byKey.set(key, details)
    }
    return details
  }

  /** The details already read for this process, if any (no /proc access). */
  peek(pid: number, startTicks: number): ProcessDetails | undefined {
    return this.byKey.get(`${pid}:${startTicks}`)
  }

  /** Drops what was read about this process (it exec'd: same pid and start time, new program), so the next get() reads it again. */
  forget(pid: number, startTicks: number): void {
    this.byKey.delete(`${pid}:${startTicks}`)
  }

  /** Forgets every process not in `keep` (called after each poll, so exited processes don't pile up). */
  retain(keep: ReadonlyMap<number, number>): void {
    for (const [key, details] of this.byKey) {
      if (`${details.pid}:${keep.get(details.pid)}` !== key) this.byKey.delete(key)
    }
  }

  private read(pid: number, startTicks: number): ProcessDetails {
    const dir = `${this.procRoot}/${pid}`
    const uid = orNull(() => statSync(dir).uid)
    const commandLine = readCommandLine(this.procRoot, pid)
    const bootTime = this.bootTimeMs()
    return {
      pid,
      name: readText(`${dir}/comm`)?.replace(/\n$/, '') ?? null,
      executable: orNull(() => readlinkSync(`${dir}/exe`)),
      commandLine,
      uid,
      user: uid === null ? null : this.userName(uid),
      startTime: bootTime === null ? null : bootTime + (startTicks * 1000) / CLOCK_TICKS_PER_SECOND,
    }
  }

  private userName(uid: number): string | null {
    this.users ??= parsePasswd(readText(this.passwdFile))
    return this.users.get(uid) ?? null
  }

  private bootTimeMs(): number | null {
    if (this.bootTime === undefined) this.bootTime = parseBootTime(readText(`${this.procRoot}/stat`))
    return this.bootTime
  }
}
