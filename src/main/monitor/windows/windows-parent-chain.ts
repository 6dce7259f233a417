// The parents of a Windows process, from a Toolhelp snapshot, up to what started it: the service control
// manager, the desktop (explorer.exe), a terminal or shell, an IDE. Windows keeps only the parent's pid, and
// pids are reused: a "parent" created after its child is another process, so the chain stops there, and
// also where either creation time is unknown (a process Windows will not open), rather than guess.
import type { SupervisorKind } from '../../../shared/provenance'
import { walkParents, type ParentChain } from '../parent-walk'
import type { SnapshotProcess } from './windows-processes'

// Matched on the executable's file name, case-insensitively (Toolhelp gives "Code.exe", "cmd.exe").
const BY_NAME: ReadonlyMap<string, SupervisorKind> = new Map<string, SupervisorKind>([
  ['services.exe', 'service-manager'],
  ['explorer.exe', 'desktop'],
  ['cmd.exe', 'shell'],
  ['powershell.exe', 'shell'],
  ['pwsh.exe', 'shell'],
  ['bash.exe', 'shell'],
  ['sh.exe', 'shell'],
  ['windowsterminal.exe', 'terminal'],
  ['openconsole.exe', 'terminal'],
  ['conhost.exe', 'terminal'],
  ['wineconsole.exe', 'terminal'],
  ['mintty.exe', 'terminal'],
  ['conemu64.exe', 'terminal'],
  ['code.exe', 'ide'],
  ['code - insiders.exe', 'ide'],
  ['cursor.exe', 'ide'],
  ['devenv.exe', 'ide'],
  ['idea64.exe', 'ide'],
  ['idea.exe', 'ide'],
  ['pycharm64.exe', 'ide'],
  ['webstorm64.exe', 'ide'],
  ['goland64.exe', 'ide'],
  ['clion64.exe', 'ide'],
  ['rider64.exe', 'ide'],
  ['phpstorm64.exe', 'ide'],
  ['rubymine64.exe', 'ide'],
  ['studio64.exe', 'ide'],
  ['zed.exe', 'ide'],
  // Service wrappers that run a program as a service and restart it when it exits.
  ['nssm.exe', 'process-manager'],
  ['winsw.exe', 'process-manager'],
])

/**
 * What a process is as a launcher, by its executable's name, or null. node.exe is never classified: without
 * its command line (which Windows keeps in the process's own memory) pm2 or nodemon cannot be told from any
 * other script, so it is not guessed.
 */
export function classifyWindowsLauncher(name: string): SupervisorKind | null {
  return BY_NAME.get(name.toLowerCase()) ?? null
}

/** A process as the walk sees it: its snapshot entry and creation time (null when Windows will not say). */
interface Created {
  process: SnapshotProcess
  creation: bigint | null
}

/**
 * Walks parents from `pid` while each one provably is the parent (created no later than its child). Ends at
 * the first strong launcher (the service manager, a terminal, an IDE, a service wrapper); else names the
 * nearest shell, else the desktop, with the chain cut there. Shells and the desktop are weak: the walk goes
 * on past a shell, and ends at the desktop.
 */
export function windowsParentChain(
  pid: number,
  snapshot: ReadonlyMap<number, SnapshotProcess>,
  creationOf: (pid: number) => bigint | null,
): ParentChain {
  const self = snapshot.get(pid)
  const selfLink = { pid, name: self?.name ?? `pid ${pid}` }
  if (!self) return { chain: [selfLink], supervisor: null }
  return walkParents<Created>({ process: self, creation: creationOf(pid) }, selfLink, {
    pidOf: (p) => p.process.pid,
    parentOf: (child) => {
      const parentPid = child.process.parentPid
      if (child.creation === null || parentPid === 0 || parentPid === child.process.pid) return null
      const parent = snapshot.get(parentPid)
      const creation = parent ? creationOf(parentPid) : null
      return parent && creation !== null && creation <= child.creation ? { process: parent, creation } : null
    },
    classify: (parent) => {
      const kind = classifyWindowsLauncher(parent.process.name)
      return kind ? { name: parent.process.name, kind } : null
    },
    nameOf: (parent) => parent.process.name,
    isWeak: (kind) => kind === 'shell' || kind === 'desktop',
    endsAt: (_child, parent) => (classifyWindowsLauncher(parent.process.name) === 'desktop' ? 'after' : null),
  })
}
