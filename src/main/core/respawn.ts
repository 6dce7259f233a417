import { setTimeout as sleep } from 'node:timers/promises'
import type { Provenance } from '../../shared/provenance'
import type { Row } from '../../shared/row'
import { windowsServiceCommands } from './stop-service-advice'

/** How long a stop keeps looking for its port to come back, when something is known that could bring it back. */
export const RETURN_WATCH_MS = 2500
const RETURN_POLL_MS = 200

/**
 * Whether something known could start the process again: a systemd service, a container, a process
 * manager, or a shell that is its direct parent (a loop or script that runs it again).
 */
export function mayComeBack(p: Provenance | null | undefined): boolean {
  if (!p) return false
  if (p.container || p.unit?.name.endsWith('.service')) return true
  // A Windows service or launchd job: unless its manager is known not to restart it; a process a service
  // runs through a wrapper (the service's process is a parent) may be started again by the wrapper.
  if (p.services?.some((s) => s.restarts !== false || (s.pid !== null && s.pid !== p.chain[0]?.pid))) return true
  const kind = p.supervisor?.kind
  if (kind === 'process-manager' || kind === 'container-runtime' || kind === 'systemd') return true
  return kind === 'shell' && p.chain[1]?.pid === p.supervisor?.pid
}

/**
 * What brought a stopped process's port back, judged from the provenance of the process that holds it
 * now against the stopped one's: the same unit, the same container, the same parent or supervisor.
 * Null when none of those match (someone else took the port) or nothing is known.
 */
export function whoBroughtItBack(before: Provenance | null | undefined, stoppedPid: number, holders: readonly Row[]): string | null {
  if (!before) return null
  for (const row of holders) {
    const now = row.provenance
    if (!now || row.pid === stoppedPid) continue
    if (before.unit && now.unit?.name === before.unit.name && now.unit.manager === before.unit.manager) {
      return `the same systemd ${before.unit.manager === 'user' ? 'user ' : ''}unit, ${before.unit.name}`
    }
    if (before.container && now.container?.id === before.container.id) {
      return `the same container, ${before.container.name ?? now.container.name ?? before.container.id.slice(0, 12)}`
    }
    const service = before.services?.find((s) => now.services?.some((n) => n.manager === s.manager && n.name === s.name))
    if (service) return `the same ${service.manager === 'launchd' ? 'launchd job' : 'Windows service'}, ${service.name}`
    const parent = before.chain[1]
    if (parent && now.chain[1]?.pid === parent.pid) return `the same parent, ${parent.name} (pid ${parent.pid})`
    if (before.supervisor && now.supervisor?.pid === before.supervisor.pid) return `the same supervisor, ${before.supervisor.name} (pid ${before.supervisor.pid})`
  }
  return null
}

/** What to do instead, for the thing that brought the port back. */
export function insteadHint(before: Provenance): string {
  const services = before.services ?? []
  const [service] = services
  // A process hosting several services: Windows does not say which holds the port, so no one command.
  if (service && services.length > 1) return 'stop the service that holds the port instead (Windows does not say which of its services that is)'
  if (service) return `stop the ${service.manager === 'launchd' ? 'launchd job' : 'service'} instead${service.manager === 'windows-scm' ? ` (${windowsServiceCommands(service.name).command})` : ''}`
  if (before.unit?.name.endsWith('.service')) return `stop the unit instead (systemctl${before.unit.manager === 'user' ? ' --user' : ''} stop ${before.unit.name})`
  if (before.container) return 'stop the container instead'
  if (before.supervisor && before.supervisor.kind !== 'shell') return `stop it through ${before.supervisor.name} instead`
  return 'stop its process group (or the loop that runs it) instead'
}

export interface ReturnWatchMonitor {
  rows(): Row[]
  pollNow(): Promise<unknown>
}

/** Re-scans for up to `watchMs` and returns the rows holding `wanted` (protocol|address|port keys) once any do. */
export async function watchForReturn(monitor: ReturnWatchMonitor, wanted: ReadonlySet<string>, watchMs = RETURN_WATCH_MS): Promise<Row[]> {
  const deadline = Date.now() + watchMs
  while (Date.now() < deadline) {
    await sleep(RETURN_POLL_MS)
    await monitor.pollNow()
    const rows = monitor.rows().filter((r) => r.remotePort === null && wanted.has(`${r.protocol}|${r.address}|${r.port}`))
    if (rows.length > 0) return rows
  }
  return []
}
