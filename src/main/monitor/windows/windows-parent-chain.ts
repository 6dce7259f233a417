// The parents of a Windows process, from a Toolhelp snapshot, up to what started it: the service control
// manager, the desktop (explorer.exe), a terminal or shell, an IDE. Windows keeps only the parent's pid, and
// pids are reused: a "parent" created after its child is another process, so the chain stops there, and
// also where either creation time is unknown (a process Windows will not open), rather than guess.
import type { ChainLink, Supervisor, SupervisorKind } from '../../../shared/provenance'
import type { SnapshotProcess } from './windows-processes'

export interface WindowsParentChain {
  chain: ChainLink[]
  supervisor: Supervisor | null
}

/** Enough for any real launcher chain; a deeper one is cut rather than walked further. */
const MAX_DEPTH = 16

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

/** Shells and the desktop are weak: the walk goes on past them looking for a terminal, an IDE or a manager. */
function isStrong(kind: SupervisorKind): boolean {
  return kind !== 'shell' && kind !== 'desktop'
}

/**
 * Walks parents from `pid` while each one provably is the parent (created no later than its child). Ends at
 * the first strong launcher (the service manager, a terminal, an IDE, a service wrapper); else names the
 * nearest shell, else the desktop, with the chain cut there.
 */
export function windowsParentChain(
  pid: number,
  snapshot: ReadonlyMap<number, SnapshotProcess>,
  creationOf: (pid: number) => bigint | null,
): WindowsParentChain {
  const self = snapshot.get(pid)
  const chain: ChainLink[] = [{ pid, name: self?.name ?? `pid ${pid}` }]
  let weak: { link: Supervisor; at: number } | null = null
  let current = self
  let currentCreation = creationOf(pid)
  for (let depth = 0; depth < MAX_DEPTH && current && currentCreation !== null; depth++) {
    const parentPid = current.parentPid
    if (parentPid === 0 || parentPid === current.pid) break
    const parent = snapshot.get(parentPid)
    const parentCreation = parent ? creationOf(parentPid) : null
    if (!parent || parentCreation === null || parentCreation > currentCreation) break
    chain.push({ pid: parentPid, name: parent.name })
    const kind = classifyWindowsLauncher(parent.name)
    if (kind && isStrong(kind)) return { chain, supervisor: { pid: parentPid, name: parent.name, kind } }
    // The nearest shell wins over the desktop above it: "started from a shell (cmd.exe)".
    if (kind === 'shell' && weak?.link.kind !== 'shell') weak = { link: { pid: parentPid, name: parent.name, kind }, at: chain.length }
    if (kind === 'desktop') {
      weak ??= { link: { pid: parentPid, name: parent.name, kind }, at: chain.length }
      break
    }
    current = parent
    currentCreation = parentCreation
  }
  if (weak) return { chain: chain.slice(0, weak.at), supervisor: weak.link }
  return { chain, supervisor: null }
}
