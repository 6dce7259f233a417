import { readdirSync, readlinkSync } from 'node:fs'
import { ProcessDetailsCache, readCommandLine, readStartTicks, readStat, sameCommandLine, type ProcessDetails } from './process-details'

/** Shared sockets whose owner is re-checked per poll (one readlink each). */
const SHARED_CHECKS_PER_POLL = 16

export interface SocketOwner {
  pid: number
  process: string | null
  details: ProcessDetails
  /** The owner's start time (clock ticks since boot), read after the walk that found it. */
  startTicks: number
}

/**
 * Maps socket inodes to the process holding them by walking /proc/<pid>/fd.
 * The walk costs ~5 µs per open fd on the whole system, so the map is kept between polls and the
 * walk is repeated only when an inode is missing from it, or when a cached owner has exited or its
 * pid now names another process (start time changed). Inodes that stayed unowned after a walk
 * (another user's process, without root) don't trigger a new walk until something new shows up.
 * A socket shared by several processes (after a fork) is named after one of them; the cache checks that
 * one still holds it, so a parent that forked and closed its copy stops being named.
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
  /** Pids whose fds were read (the last walk, then each look for new processes); newer ones are read first when an inode is missing. */
  private walkedPids = new Set<string>()
  private checks = 0
  /** The fd (name in /proc/<pid>/fd) where the owner holds each socket. */
  private fdOf = new Map<number, string>()
  /** Sockets other processes hold too, with those pids: the owner named may close its copy. */
  private sharedBy = new Map<number, number[]>()
  /** The inodes the last resolve was asked about. */
  private lastInodes = new Set<number>()
  private sharedCursor = 0
  /** Sockets found shared since the last check (a fork just now): checked at once, whatever their number. */
  private newlyShared: number[] = []
  /** A shared socket's owner was seen to have closed its copy: the next resolve walks. */
  private movedSeen = false
  /** stillRunning() has just read new processes and checked shared sockets: resolve() need not again. */
  private checkedSinceResolve = false

  constructor(private readonly procRoot = '/proc', passwdFile?: string) {
    this.details = new ProcessDetailsCache(procRoot, passwdFile)
  }

  resolve(inodes: readonly number[]): Map<number, SocketOwner> {
    this.lastInodes = new Set(inodes)
    if (!this.checkedSinceResolve) this.readNewProcesses()
    // A parent that forked and closed its copy: a fresh walk names the child that holds the socket now.
    const moved = this.movedSeen || (!this.checkedSinceResolve && this.sharedOwnerMoved())
    this.movedSeen = false
    this.checkedSinceResolve = false
    if (moved) this.walk(inodes)
    let live = moved || !this.needsWalk(inodes) ? this.liveOwners(inodes) : null
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
        owner = { pid, process: details.name, details, startTicks: ticks }
        byPid.set(pid, owner)
      }
      result.set(inode, owner)
    }
    this.details.retain(live)
    this.lastLive = live
    return result
  }

  /**
   * Whether the last resolve still holds: every owner it found runs as the same program (same start
   * time; and, since a process may exec, the same name and now and then the same command line), and
   * still holds each socket it shares with other processes (new processes are read for that). A process
   * that exec'd is forgotten here, so the next resolve reads its details again.
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
    this.readNewProcesses()
    const moved = this.sharedOwnerMoved()
    this.checkedSinceResolve = true
    return !moved && same
  }

  /**
   * Whether the owner named for a shared socket no longer holds it. One readlink each, at most
   * SHARED_CHECKS_PER_POLL a poll in turn, so thousands of shared sockets (Wine's wineserver shares every
   * one of its clients') cost a bounded time: a close is then seen within a few polls instead of the next.
   */
  private sharedOwnerMoved(): boolean {
    const fresh = this.newlyShared
    this.newlyShared = []
    for (const inode of fresh) if (this.lastInodes.has(inode) && !this.ownerStillHolds(inode)) return (this.movedSeen = true)
    const shared = [...this.sharedBy.keys()].filter((inode) => this.lastInodes.has(inode))
    const checks = Math.min(shared.length, SHARED_CHECKS_PER_POLL)
    for (let i = 0; i < checks; i++) {
      const inode = shared[(this.sharedCursor + i) % shared.length]
      if (inode !== undefined && !this.ownerStillHolds(inode)) return (this.movedSeen = true)
    }
    this.sharedCursor = shared.length === 0 ? 0 : (this.sharedCursor + checks) % shared.length
    return false
  }

  /** One readlink: does the named owner hold the socket at the fd where the walk found it. */
  private ownerStillHolds(inode: number): boolean {
    const pid = this.owners.get(inode)
    const fd = this.fdOf.get(inode)
    if (pid === undefined || fd === undefined) return false
    try {
      return readlinkSync(`${this.procRoot}/${pid}/fd/${fd}`) === `socket:[${inode}]`
    } catch {
      return false
    }
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
    this.readNewProcesses()
    return !this.needsWalk(wanted)
  }

  /**
   * Processes started since the last look: a fork shares its parent's sockets, so it is read at once.
   * Only pids listed last time count as read, so a pid the kernel hands out again (pids wrap) is read anew.
   */
  private readNewProcesses(): void {
    if (this.walkedPids.size === 0) return
    const listed = this.listPids()
    for (const pidText of listed) if (!this.walkedPids.has(pidText)) this.readFds(pidText)
    this.walkedPids = new Set(listed)
  }

  private walk(wanted: readonly number[]): void {
    this.owners = new Map()
    this.startTicks = new Map()
    this.fdOf = new Map()
    this.sharedBy = new Map()
    const pids = this.listPids()
    for (const pidText of pids) this.readFds(pidText)
    this.newlyShared = [] // just read: every owner holds what it was found holding
    this.movedSeen = false
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
      const owner = this.owners.get(inode)
      if (owner === undefined) {
        this.owners.set(inode, pid)
        this.fdOf.set(inode, fd)
      } else if (owner !== pid) {
        const others = this.sharedBy.get(inode)
        if (!others) {
          this.sharedBy.set(inode, [pid])
          this.newlyShared.push(inode)
        } else if (!others.includes(pid)) others.push(pid)
      }
    }
  }
}
