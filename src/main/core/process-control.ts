import { readdirSync, readFileSync, readlinkSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'
import { readStartTicks } from '../monitor/linux/process-details'

export type StopSignal = 'SIGTERM' | 'SIGKILL'

/** One process for good: its pid and, where /proc tells it, its start time (pids are reused, start times are not). */
export interface ProcessIdentity {
  pid: number
  startTicks: number | null
}

/** Reads a process's identity and state from /proc (Linux), or only asks the OS whether the pid exists. */
export class ProcessProbe {
  /** `startTicksOf`: where there is no /proc, a start time from the OS (Windows: the creation FILETIME). */
  constructor(
    private readonly procRoot: string | null = process.platform === 'linux' ? '/proc' : null,
    private readonly startTicksOf: ((pid: number) => number | null) | null = null,
  ) {}

  get hasProcfs(): boolean {
    return this.procRoot !== null
  }

  /** The identity of `pid` now, or null when no such process runs. */
  identify(pid: number): ProcessIdentity | null {
    if (!pidExists(pid)) return null
    if (this.procRoot === null) return { pid, startTicks: this.startTicksOf?.(pid) ?? null }
    const startTicks = readStartTicks(this.procRoot, pid)
    return startTicks === null || this.isZombie(pid) ? null : { pid, startTicks }
  }

  /** The socket inodes `pid` holds now (its /proc/<pid>/fd links), or null when they cannot be read. */
  socketInodes(pid: number): Set<number> | null {
    if (this.procRoot === null) return null
    let fds: string[]
    try {
      fds = readdirSync(`${this.procRoot}/${pid}/fd`)
    } catch {
      return null
    }
    const inodes = new Set<number>()
    for (const fd of fds) {
      try {
        const link = readlinkSync(`${this.procRoot}/${pid}/fd/${fd}`)
        if (link.startsWith('socket:[')) inodes.add(Number(link.slice(8, -1)))
      } catch {
        // closed while we looked
      }
    }
    return inodes
  }

  /** The parent pid (field 4 of /proc/<pid>/stat), or null. */
  parentOf(pid: number): number | null {
    return this.statField(pid, 1)
  }

  /** The process's name (its comm), or null. */
  nameOf(pid: number): string | null {
    if (this.procRoot === null) return null
    try {
      return readFileSync(`${this.procRoot}/${pid}/comm`, 'utf8').replace(/\n$/, '')
    } catch {
      return null
    }
  }

  /** A numeric field of /proc/<pid>/stat, counted from the state letter (0). */
  private statField(pid: number, index: number): number | null {
    if (this.procRoot === null) return null
    try {
      const stat = readFileSync(`${this.procRoot}/${pid}/stat`, 'utf8')
      const value = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[index])
      return Number.isInteger(value) ? value : null
    } catch {
      return null
    }
  }

  /** Every process we can read that holds the socket `inode` now, lowest pid first (a walk of /proc). */
  holdersOf(inode: number): number[] {
    if (this.procRoot === null) return []
    let entries: string[]
    try {
      entries = readdirSync(this.procRoot)
    } catch {
      return []
    }
    const pids = entries.filter((name) => /^\d+$/.test(name)).map(Number).sort((a, b) => a - b)
    return pids.filter((pid) => this.socketInodes(pid)?.has(inode) === true)
  }

  /** Whether that very process still runs: not exited, not a zombie waiting to be reaped, pid not reused. */
  isRunning(identity: ProcessIdentity): boolean {
    const now = this.identify(identity.pid)
    return now !== null && (identity.startTicks === null || now.startTicks === identity.startTicks)
  }

  /** Polls until the process is gone; false when it still runs after `timeoutMs`. */
  async waitForExit(identity: ProcessIdentity, timeoutMs: number, pollMs = 50): Promise<boolean> {
    const deadline = Date.now() + timeoutMs
    while (this.isRunning(identity)) {
      if (Date.now() >= deadline) return false
      await sleep(pollMs)
    }
    return true
  }

  /**
   * Exited and awaiting its parent's wait(), so its sockets are closed. The leader of a multithreaded
   * process shows Z while its other threads still run and hold the fds, so every task must be Z.
   */
  private isZombie(pid: number): boolean {
    try {
      const tasks = readdirSync(`${this.procRoot}/${pid}/task`)
      return tasks.length > 0 && tasks.every((task) => stateOf(readFileSync(`${this.procRoot}/${pid}/task/${task}/stat`, 'utf8')) === 'Z')
    } catch {
      return false
    }
  }
}

/** The state letter of a /proc stat line (the field after the parenthesised name). */
function stateOf(stat: string): string {
  return stat.charAt(stat.lastIndexOf(')') + 2)
}

/** kill(pid, 0): ESRCH means gone; EPERM means it exists but belongs to someone else. */
function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

export type SignalResult = 'sent' | 'gone' | 'denied'

export function sendSignal(pid: number, signal: StopSignal): SignalResult {
  try {
    process.kill(pid, signal)
    return 'sent'
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ESRCH') return 'gone'
    if (code === 'EPERM') return 'denied'
    throw error
  }
}
