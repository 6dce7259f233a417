import type { ChainLink, Supervisor } from '../../../../shared/provenance'
import { readStatFields, type StatFields } from '../proc-stat'
import { readCommandLine } from '../process-details'
import { classifySupervisor } from './supervisors'

export interface ParentChain {
  chain: ChainLink[]
  supervisor: Supervisor | null
}

/** Enough for any real launcher chain; a deeper one is cut rather than walked to init. */
const MAX_DEPTH = 16

/**
 * Walks /proc/<pid>/stat parents from `pid` up to the first supervisor: systemd, a container runtime, a
 * process manager, a terminal or multiplexer, an IDE. The walk also ends at a session leader (a login
 * or terminal shell), after one more look at its parent (tmux's pane shells and a terminal's shells are
 * session leaders whose parent is the terminal). With no such supervisor, the nearest shell above the
 * process is named, and the chain ends there.
 */
export function parentChain(procRoot: string, pid: number, self: StatFields, selfCommandLine: readonly string[] | null): ParentChain {
  const chain: ChainLink[] = [{ pid, name: displayName(self.name, selfCommandLine) }]
  let nearestShell: { link: Supervisor; at: number } | null = null
  let current = self
  let currentPid = pid
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    const leader = current.session === currentPid
    const parentPid = current.parent
    if (parentPid <= 0) break
    const parent = readStatFields(procRoot, parentPid)
    if (!parent) break
    const commandLine = readCommandLine(procRoot, parentPid)
    const match = classifySupervisor(parent.name, commandLine)
    const strong = match !== null && match.kind !== 'shell'
    if (leader && !strong) break
    chain.push({ pid: parentPid, name: match?.name ?? displayName(parent.name, commandLine) })
    if (strong) return { chain, supervisor: { pid: parentPid, name: match.name, kind: match.kind } }
    if (match?.kind === 'shell' && !nearestShell) nearestShell = { link: { pid: parentPid, name: match.name, kind: 'shell' }, at: chain.length }
    if (leader || parentPid === 1) break
    current = parent
    currentPid = parentPid
  }
  if (nearestShell) return { chain: chain.slice(0, nearestShell.at), supervisor: nearestShell.link }
  return { chain, supervisor: null }
}

/** The kernel's name, except where an interpreter hides the program: "node" running npm's cli shows as npm. */
function displayName(name: string, commandLine: readonly string[] | null): string {
  const script = commandLine?.[1]
  if (name !== 'node' || script === undefined) return name
  const known = /(?:^|\/)(npm|npx|pnpm|yarn|vite|next|nodemon|tsx)(?:-cli)?(?:\.c?js)?$/.exec(script) ?? /\/(npm|pnpm|yarn)\/bin\/[\w-]+\.c?js$/.exec(script)
  return known?.[1] ?? name
}
