import { readdirSync, readFileSync, readlinkSync } from 'node:fs'

export interface SocketOwner {
  pid: number
  process: string | null
}

/**
 * Maps socket inodes to the process holding them by walking /proc/<pid>/fd.
 * The walk costs ~5 µs per open fd on the whole system, so the map is kept between polls and the
 * walk is repeated only when an inode is missing from it. Inodes that stayed unowned after a walk
 * (another user's process, without root) don't trigger a new walk until something new shows up.
 */
export class SocketOwners {
  private owners = new Map<number, number>()
  private unowned = new Set<number>()
  private names = new Map<number, string | null>()

  constructor(private readonly procRoot = '/proc') {}

  resolve(inodes: readonly number[]): Map<number, SocketOwner> {
    const needsWalk = inodes.some((inode) => inode !== 0 && !this.owners.has(inode) && !this.unowned.has(inode))
    if (needsWalk) this.walk(inodes)
    const result = new Map<number, SocketOwner>()
    for (const inode of inodes) {
      const pid = this.owners.get(inode)
      if (pid !== undefined) result.set(inode, { pid, process: this.processName(pid) })
    }
    return result
  }

  private walk(wanted: readonly number[]): void {
    this.owners = new Map()
    this.names = new Map()
    let pids: string[]
    try {
      pids = readdirSync(this.procRoot).filter((name) => /^\d+$/.test(name))
    } catch {
      pids = []
    }
    for (const pidText of pids) {
      const pid = Number(pidText)
      let fds: string[]
      try {
        fds = readdirSync(`${this.procRoot}/${pidText}/fd`)
      } catch {
        continue // exited, or another user's process
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
    this.unowned = new Set(wanted.filter((inode) => !this.owners.has(inode)))
  }

  private processName(pid: number): string | null {
    let name = this.names.get(pid)
    if (name === undefined) {
      try {
        name = readFileSync(`${this.procRoot}/${pid}/comm`, 'utf8').replace(/\n$/, '')
      } catch {
        name = null
      }
      this.names.set(pid, name)
    }
    return name
  }
}
