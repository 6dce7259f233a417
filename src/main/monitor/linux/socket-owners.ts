import { readdirSync, readlinkSync } from 'node:fs'
import { ProcessDetailsCache, readCommandLine, readStartTicks, readStat, sameCommandLine, type ProcessDetails } from './process-details'

export interface SocketOwner {
  pid: number
  process: string | null
  details: ProcessDetails
}

/**
 * Maps socket inodes to the process holding them by walking /proc/<pid>/fd.
 * The walk costs ~5 µs per open fd on the whole system, so the map is kept between polls and the
 * walk is repeated only when an inode is missing from it, or when a cached owner has exited or its
 * pid now names another process (start time changed). Inodes that stayed unowned after a walk
 * (another user's process, without root) don't trigger a new walk until something new shows up.
 */
/**
 * Every this-many stillRunning() calls (polls), the owners' command lines are read again too: an exec
 * of the same program (a wrapper script, `python3 a.py` exec'ing `python3 b.py`) keeps pid, start time
 * and name. The name, which most execs change, is checked every poll at no extra cost (same stat read).
 */
export const COMMAND_LINE_CHECK_EVERY = 5

export class SocketOwners {
  private owners = new Map<number, number>()
  private unowned = new Set<number>()
  /** Start ticks of owners, read after the walk that found them. */
  private startTicks = new Map<number, number>()
  private readonly details: ProcessDetailsCache
  /** Owners found by the last resolve, pid → start ticks. */
  private lastLive = new Map<number, number>()
  /** Pids whose fds the last full walk read; newer processes are read first when an inode is missing. */
  private walkedPids = new Set<string>()
  private checks = 0

  constructor(private readonly procRoot = '/proc', passwdFile?: string) {
    this.details = new ProcessDetailsCache(procRoot, passwdFile)
  }

  resolve(inodes: readonly number[]): Map<number, SocketOwner> {
    let live = this.needsWalk(inodes) ? null : this.liveOwners(inodes)
    if (live === null) {
      // A new socket usually belongs to a new process: read only those first, and everything if that falls short.
      if (!this.walkNewProcesses(inodes) || (live = this.liveOwners(inodes)) === null) {
        this.walk(inodes)
        live = this.liveOwners(inodes) ?? new Map<number, number>()
      }
    }
    const result = new Map<number, SocketOwner>()
    const byPid = new Map<number, SocketOwner>() // one owner object per process, however many sockets it holds
    for (const inode of inodes) {
      const pid = this.owners.get(inode)
      if (pid === undefined) continue
      let owner = byPid.get(pid)
      if (!owner) {
        const ticks = live.get(pid)
        if (ticks === undefined) continue
        const details = this.details.get(pid, ticks)
        owner = { pid, process: details.name, details }
        byPid.set(pid, owner)
      }
      result.set(inode, owner)
    }
    this.details.retain(live)
    this.lastLive = live
    return result
  }

  /**
   * Whether every owner the last resolve found still runs as the same program: same start time (not
   * exited, pid not reused) and, since a process may exec, the same name and (now and then) command line.
   * A process that exec'd is forgotten here, so the next resolve reads its details again.
   */
  stillRunning(): boolean {
    const checkCommandLines = ++this.checks % COMMAND_LINE_CHECK_EVERY === 0
    let same = true
    for (const [pid, ticks] of this.lastLive) {
      const stat = readStat(this.procRoot, pid)
      if (stat === null || stat.startTicks !== ticks) return false
      const known = this.details.peek(pid, ticks)
      if (!known) continue
      const exec = (known.name !== null && known.name !== stat.name) || (checkCommandLines && !sameCommandLine(known.commandLine, readCommandLine(this.procRoot, pid)))
      if (exec) {
        this.details.forget(pid, ticks)
        same = false
      }
    }
    return same
  }

  private needsWalk(inodes: readonly number[]): boolean {
    return inodes.some((inode) => inode !== 0 && !this.owners.has(inode) && !this.unowned.has(inode))
  }

  /** pid → start ticks for the owners of `inodes`; null when one of them exited or was replaced. */
  private liveOwners(inodes: readonly number[]): Map<number, number> | null {
    const live = new Map<number, number>()
    const gone = new Set<number>()
    for (const inode of inodes) {
      const pid = this.owners.get(inode)
      if (pid === undefined || live.has(pid) || gone.has(pid)) continue
      const ticks = readStartTicks(this.procRoot, pid)
      const known = this.startTicks.get(pid)
      if (ticks === null || (known !== undefined && known !== ticks)) {
        if (known !== undefined) return null
        // Exited between the walk and now: no owner this time, and a fresh walk next poll.
        this.startTicks.set(pid, -1)
        gone.add(pid)
        continue
      }
      this.startTicks.set(pid, ticks)
      live.set(pid, ticks)
    }
    return live
  }

  private listPids(): string[] {
    try {
      return readdirSync(this.procRoot).filter((name) => /^\d+$/.test(name))
    } catch {
      return []
    }
  }

  /** Reads the fds of processes started since the last full walk; true when that found every wanted inode. */
  private walkNewProcesses(wanted: readonly number[]): boolean {
    if (this.walkedPids.size === 0) return false
    const fresh = this.listPids().filter((pid) => !this.walkedPids.has(pid))
    for (const pidText of fresh) {
      this.readFds(pidText)
      this.walkedPids.add(pidText)
    }
    return !this.needsWalk(wanted)
  }

  private walk(wanted: readonly number[]): void {
    this.owners = new Map()
    this.startTicks = new Map()
    const pids = this.listPids()
    for (const pidText of pids) this.readFds(pidText)
    this.walkedPids = new Set(pids)
    this.unowned = new Set(wanted.filter((inode) => !this.owners.has(inode)))
  }

  private readFds(pidText: string): void {
    const pid = Number(pidText)
    let fds: string[]
    try {
      fds = readdirSync(`${this.procRoot}/${pidText}/fd`)
    } catch {
      return // exited, or another user's process
    }
    for (const fd of fds) {
      let link: string
      try {
        link = readlinkSync(`${this.procRoot}/${pidText}/fd/${fd}`)
      } catch {
        continue
      }
      if (!link.startsWith('socket:[')) continue
      const inode = Number(link.slice(8, -1))
      // The lowest pid wins, so a socket shared after fork is attributed to the parent, like `ss` lists first.
      if (!this.owners.has(inode)) this.owners.set(inode, pid)
    }
  }
}
