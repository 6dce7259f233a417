import { existsSync, mkdirSync, rmdirSync, writeFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'

/** The v1 name=systemd hierarchy where systemd keeps its units, else the unified one, when this process may create cgroups there. */
export function writableCgroupRoot(): string | null {
  if (process.platform !== 'linux') return null
  for (const root of ['/sys/fs/cgroup/systemd', '/sys/fs/cgroup/unified', '/sys/fs/cgroup']) {
    if (!existsSync(join(root, 'cgroup.procs'))) continue
    const probe = join(root, `portolan-probe-${randomBytes(4).toString('hex')}`)
    try {
      mkdirSync(probe)
      rmdirSync(probe)
      return root
    } catch {
      // read-only here, or not a cgroup filesystem
    }
  }
  return null
}

export const CGROUP_ROOT = writableCgroupRoot()
export const CGROUP_SKIP = process.platform !== 'linux' ? 'not Linux' : CGROUP_ROOT === null ? 'no writable cgroup hierarchy (needs root and a writable name=systemd or unified cgroup)' : null

/** A cgroup at `relative` under the writable root, to move processes into; remove() moves them back out first. */
export function makeCgroup(relative: string): { dir: string; add(pid: number): void; remove(pids: number[]): Promise<boolean> } {
  const root = CGROUP_ROOT
  if (!root) throw new Error(CGROUP_SKIP ?? 'no cgroup root')
  const dir = join(root, relative)
  mkdirSync(dir, { recursive: true })
  return {
    dir,
    add: (pid) => writeFileSync(join(dir, 'cgroup.procs'), String(pid)),
    remove: async (pids) => {
      for (const pid of pids) {
        try {
          writeFileSync(join(root, 'cgroup.procs'), String(pid))
        } catch {
          // exited already
        }
      }
      // A cgroup whose last member just exited can take a moment to become removable.
      for (let i = 0; i < 50 && existsSync(dir); i++) {
        try {
          rmdirSync(dir)
        } catch {
          await sleep(50)
        }
      }
      return !existsSync(dir)
    },
  }
}
