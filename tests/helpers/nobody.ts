import { spawnSync } from 'node:child_process'
import { join } from 'node:path'

export const NOBODY = 65534

/**
 * Why this process cannot run a child as `nobody` from `root` (the checkout), or null when it can: it must be
 * root on Linux, and `nobody` must be able to run node and read the checkout (a clone under a 0700 directory,
 * such as a home directory or `mktemp -d`, is unreadable to it).
 */
export function nobodyCannotRunFrom(root: string): string | null {
  if (process.platform !== 'linux') return 'not Linux'
  if (process.getuid?.() !== 0) return 'not root, so it cannot switch to nobody'
  const probe = spawnSync(process.execPath, ['-e', 'require("fs").readFileSync(process.argv[1])', join(root, 'package.json')], {
    cwd: '/', uid: NOBODY, gid: NOBODY, encoding: 'utf8', env: { PATH: process.env.PATH },
  })
  if (probe.status === 0) return null
  return `user nobody cannot read ${root} or run ${process.execPath} (a checkout under a 0700 directory); clone it somewhere world-readable to run these`
}
