import { walkParents, type ParentChain } from '../../parent-walk'
import { readStatFields, type StatFields } from '../proc-stat'
import { readCommandLine } from '../process-details'
import { classifySupervisor } from './supervisors'

/** A parent as the walk reads it from /proc. */
interface ProcParent {
  pid: number
  stat: StatFields
  commandLine: readonly string[] | null
}

/**
 * Walks /proc/<pid>/stat parents from `pid` up to the first supervisor: systemd, a container runtime, a
 * process manager, a terminal or multiplexer, an IDE. The walk also ends at a session leader (a login
 * or terminal shell), after one more look at its parent (tmux's pane shells and a terminal's shells are
 * session leaders whose parent is the terminal). With no such supervisor, the nearest shell above the
 * process is named, and the chain ends there.
 */
export function parentChain(procRoot: string, pid: number, self: StatFields, selfCommandLine: readonly string[] | null): ParentChain {
  return walkParents<ProcParent>({ pid, stat: self, commandLine: selfCommandLine }, { pid, name: displayName(self.name, selfCommandLine) }, {
    pidOf: (p) => p.pid,
    parentOf: (child) => {
      const parentPid = child.stat.parent
      const stat = parentPid > 0 ? readStatFields(procRoot, parentPid) : null
      return stat ? { pid: parentPid, stat, commandLine: readCommandLine(procRoot, parentPid) } : null
    },
    classify: (parent) => classifySupervisor(parent.stat.name, parent.commandLine),
    nameOf: (parent) => displayName(parent.stat.name, parent.commandLine),
    isWeak: (kind) => kind === 'shell',
    endsAt: (child, parent, strong) => {
      const leader = child.stat.session === child.pid
      if (leader && !strong) return 'before'
      return leader || parent.pid === 1 ? 'after' : null
    },
  })
}

/** The kernel's name, except where an interpreter hides the program: "node" running npm's cli shows as npm. */
function displayName(name: string, commandLine: readonly string[] | null): string {
  const script = commandLine?.[1]
  if (name !== 'node' || script === undefined) return name
  const known = /(?:^|\/)(npm|npx|pnpm|yarn|vite|next|nodemon|tsx)(?:-cli)?(?:\.c?js)?$/.exec(script) ?? /\/(npm|pnpm|yarn)\/bin\/[\w-]+\.c?js$/.exec(script)
  return known?.[1] ?? name
}
