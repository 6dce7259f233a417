import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface SmallDisk {
  dir: string
  /** Makes the filesystem read-only (EROFS from then on). */
  readOnly(): void
  dispose(): void
}

/** Why a small tmpfs cannot be mounted here, or null when it can (root on Linux, mount allowed). */
function mountProblem(): string | null {
  if (process.platform !== 'linux') return 'tmpfs is Linux-only'
  if (process.getuid?.() !== 0) return 'mounting a tmpfs needs root'
  return null
}

/** A tmpfs of `size` (e.g. "2m") on a fresh directory, or the reason it cannot be made (then skip with it). */
export function mountSmallDisk(size: string): SmallDisk | string {
  const problem = mountProblem()
  if (problem) return problem
  const dir = mkdtempSync(join(tmpdir(), 'portolan-small-disk-'))
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0755`, 'tmpfs', dir], { stdio: 'pipe' })
  } catch (error) {
    rmSync(dir, { recursive: true, force: true })
    return `mount -t tmpfs is not permitted here (${String((error as { stderr?: Buffer }).stderr ?? error).trim()})`
  }
  return {
    dir,
    readOnly: () => execFileSync('mount', ['-o', 'remount,ro', dir], { stdio: 'pipe' }),
    dispose: () => {
      execFileSync('umount', [dir], { stdio: 'pipe' })
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
