import type { SupervisorKind } from '../../../../shared/provenance'

// Which process names mark the end of a parent chain: what started or keeps a process running.
// Matched on the kernel's process name (comm, at most 15 characters) and, for programs that run
// under an interpreter (nodemon, forever, pm2 under node), on the script named in the command line.

const BY_NAME: ReadonlyMap<string, SupervisorKind> = new Map<string, SupervisorKind>([
  ['systemd', 'systemd'],
  ['containerd-shim', 'container-runtime'],
  ['containerd-shim-runc-v2', 'container-runtime'],
  ['conmon', 'container-runtime'],
  ['runc', 'container-runtime'],
  ['crun', 'container-runtime'],
  ['supervisord', 'process-manager'],
  ['s6-supervise', 'process-manager'],
  ['runsv', 'process-manager'],
  ['tmux', 'multiplexer'],
  ['tmux: server', 'multiplexer'],
  ['screen', 'multiplexer'],
  ['SCREEN', 'multiplexer'],
  ['zellij', 'multiplexer'],
  ['gnome-terminal-', 'terminal'],
  ['gnome-terminal-server', 'terminal'],
  ['konsole', 'terminal'],
  ['xterm', 'terminal'],
  ['alacritty', 'terminal'],
  ['kitty', 'terminal'],
  ['wezterm-gui', 'terminal'],
  ['foot', 'terminal'],
  ['tilix', 'terminal'],
  ['terminator', 'terminal'],
  ['xfce4-terminal', 'terminal'],
  ['code', 'ide'],
  ['code-insiders', 'ide'],
  ['codium', 'ide'],
  ['cursor', 'ide'],
  ['idea', 'ide'],
  ['pycharm', 'ide'],
  ['webstorm', 'ide'],
  ['goland', 'ide'],
  ['clion', 'ide'],
  ['rider', 'ide'],
  ['phpstorm', 'ide'],
  ['rubymine', 'ide'],
  ['studio', 'ide'],
  ['zed', 'ide'],
  ['zed-editor', 'ide'],
])

export const SHELLS: ReadonlySet<string> = new Set(['bash', 'sh', 'dash', 'zsh', 'fish', 'ksh', 'mksh', 'tcsh', 'csh', 'ash', 'busybox'])

/** Scripts that supervise their children while running under node. */
const NODE_SUPERVISORS: ReadonlyArray<{ script: RegExp; name: string }> = [
  { script: /(?:^|\/)nodemon(?:\.js)?$|\/nodemon\/bin\/nodemon\.js$/, name: 'nodemon' },
  { script: /(?:^|\/)forever(?:\.js)?$|\/forever\/bin\/monitor$/, name: 'forever' },
  { script: /(?:^|\/)pm2$|\/pm2\/lib\/Daemon\.js$|ProcessContainerFork\.js$/, name: 'pm2' },
]

export interface SupervisorMatch {
  kind: SupervisorKind
  /** The name to show: the program's own name (pm2, nodemon), not its interpreter's. */
  name: string
}

/**
 * The supervisor this process is, or null. Shells are reported too (kind "shell"), but a chain keeps
 * walking past them, looking for a stronger one (a terminal, an IDE, a process manager).
 */
export function classifySupervisor(name: string, commandLine: readonly string[] | null): SupervisorMatch | null {
  // PM2's daemon renames itself: "PM2 v5.3.0: God Daemon (/root/.pm2)".
  if (/^PM2\b/.test(name)) return { kind: 'process-manager', name: 'pm2' }
  const kind = BY_NAME.get(name)
  if (kind) return { kind, name: name === 'tmux: server' ? 'tmux' : name }
  if (SHELLS.has(name)) return { kind: 'shell', name }
  if (commandLine && commandLine.length > 1 && (name === 'node' || name === 'nodejs' || name.startsWith('node-'))) {
    const script = commandLine.slice(1).find((arg) => !arg.startsWith('-'))
    const found = script && NODE_SUPERVISORS.find((s) => s.script.test(script))
    if (found) return { kind: 'process-manager', name: found.name }
  }
  if (name === 'python3' || name === 'python') {
    if (commandLine?.some((arg) => /(?:^|\/)supervisord$/.test(arg))) return { kind: 'process-manager', name: 'supervisord' }
  }
  return null
}
