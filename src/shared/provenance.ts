// Where a listener's process comes from: its systemd unit, container, desktop app, the chain of parents
// up to whatever supervises it, and the project it runs in. Every field is null when the OS did not say.

export interface SystemdUnit {
  /** "nginx.service", "session-3.scope". */
  name: string
  /** The system manager (pid 1) or a user's manager (user@<uid>.service). */
  manager: 'system' | 'user'
}

export type ContainerRuntime = 'docker' | 'podman' | 'containerd' | 'cri-o'

export interface ContainerOrigin {
  runtime: ContainerRuntime
  /** The full id as the cgroup path spells it. */
  id: string
  /** The engine's name for it, when the engine answered (Docker); else null. */
  name: string | null
  image: string | null
}

export type SupervisorKind = 'systemd' | 'container-runtime' | 'process-manager' | 'multiplexer' | 'terminal' | 'ide' | 'shell'

export interface ChainLink {
  pid: number
  name: string
}

export interface Supervisor extends ChainLink {
  kind: SupervisorKind
}

export type ProjectMarker = 'package.json' | 'pyproject.toml' | 'Cargo.toml' | 'go.mod' | '.git'

export interface Project {
  /** The name the marker gives (package.json "name", go.mod module's last part), else the directory's name. */
  name: string
  /** The directory holding the marker. */
  path: string
  marker: ProjectMarker
}

export interface Provenance {
  unit: SystemdUnit | null
  container: ContainerOrigin | null
  /** A desktop app scope (app-*.scope): the app or terminal that launched it, as systemd names it. */
  app: string | null
  /** The process itself first, then its parents, up to and including the supervisor (or the last one read). */
  chain: ChainLink[]
  supervisor: Supervisor | null
  /** Process group and session ids (from /proc/<pid>/stat), for stopping a whole group. */
  processGroup: number | null
  session: number | null
  cwd: string | null
  project: Project | null
}

/** A process's provenance, as a collector's worker sends it. */
export interface ProvenanceEntry {
  pid: number
  provenance: Provenance
}

/** "node ← npm ← bash ← tmux": a chain of process names, child first. */
export function chainText(links: readonly ChainLink[]): string {
  return links.map((link) => link.name).join(' ← ')
}

/** "~/src/shop" when the path is under `home`. */
export function shortPath(path: string, home: string | null): string {
  if (!home || home === '/') return path
  if (path === home) return '~'
  return path.startsWith(`${home}/`) ? `~${path.slice(home.length)}` : path
}

const KIND_WORDS: Record<SupervisorKind, string> = {
  systemd: 'systemd',
  'container-runtime': 'a container runtime',
  'process-manager': 'a process manager',
  multiplexer: 'a terminal',
  terminal: 'a terminal',
  ide: 'an editor',
  shell: 'a shell',
}

/**
 * One line for the "Started by" column: the unit, the container, or the supervisor and the chain to it.
 * Null when nothing is known.
 */
export function startedByText(p: Provenance): string | null {
  if (p.container) return `container ${p.container.name ?? p.container.id.slice(0, 12)} (${p.container.runtime})`
  if (p.unit && p.unit.name.endsWith('.service')) return `${p.unit.manager === 'user' ? 'user unit' : 'unit'} ${p.unit.name}`
  if (p.supervisor) return `${p.supervisor.name}: ${chainText(p.chain)}`
  if (p.app) return `app ${p.app}`
  return p.chain.length > 1 ? chainText(p.chain) : null
}

/** "a terminal", "an editor": how a supervisor kind reads in a sentence. */
export function supervisorWords(kind: SupervisorKind): string {
  return KIND_WORDS[kind]
}
