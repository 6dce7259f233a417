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

export type SupervisorKind =
  | 'systemd' | 'container-runtime' | 'process-manager' | 'multiplexer' | 'terminal' | 'ide' | 'shell'
  /** Windows' service control manager, services.exe. */
  | 'service-manager'
  /** Windows' shell, explorer.exe: started from the desktop (Start menu, a shortcut, a double click). */
  | 'desktop'

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

/** Who runs a service: Windows' service control manager, or macOS's launchd. */
export type ServiceManager = 'windows-scm' | 'launchd'

/** A service (Windows) or job (launchd) the process runs as, as its manager reports it. */
export interface ServiceOrigin {
  manager: ServiceManager
  /** The name to stop it by: the Windows service name ("Spooler"), or the launchd label ("homebrew.mxcl.redis"). */
  name: string
  /** Windows' display name ("Print Spooler"); null for launchd, which has none. */
  displayName: string | null
  /** Whether the manager starts it again when it ends: Windows' recovery actions, launchd's KeepAlive. Null when unknown. */
  restarts: boolean | null
  /** What `restarts` comes from ("recovery: restart the service", "KeepAlive"), or why it is unknown. */
  restartsBecause: string | null
  /** Windows: 'auto', 'delayed-auto', 'demand', 'disabled', 'boot' or 'system'. Null when unknown (and for launchd). */
  startType: string | null
  /** launchd: the domain the job is in ("gui/501", "system"); null for Windows. */
  domain: string | null
  /** The process the manager runs it as: the listener itself, or a wrapper among its parents (nssm.exe); null when unknown. */
  pid: number | null
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
  /**
   * The services the process hosts (Windows: several in one svchost.exe) or the launchd job it is.
   * Absent or empty when it runs as none, or where the OS was not asked (Linux says it through `unit`).
   */
  services?: ServiceOrigin[]
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
  'service-manager': 'the service manager',
  desktop: 'the desktop',
}

/**
 * One line for the "Started by" column: the unit, the container, or the supervisor and the chain to it.
 * Null when nothing is known.
 */
export function startedByText(p: Provenance): string | null {
  const services = p.services ?? []
  if (services.length > 0) return `${services[0]?.manager === 'launchd' ? 'launchd job' : services.length > 1 ? 'services' : 'service'} ${services.map(serviceLabel).join(', ')}`
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

/** "Print Spooler (Spooler)" for a Windows service whose display name differs, else its name. */
export function serviceLabel(service: ServiceOrigin): string {
  return service.displayName && service.displayName !== service.name ? `${service.displayName} (${service.name})` : service.name
}
