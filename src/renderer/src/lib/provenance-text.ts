import { chainText, serviceLabel, startedByText, type Provenance } from '../../../shared/provenance'

/** The "Started by" cell's text; null when nothing is known. */
export function startedByCell(p: Provenance | null | undefined): string | null {
  return p ? startedByText(p) : null
}

/** Every known fact about where a process comes from, one per line, for the cell's tooltip. */
export function provenanceLines(p: Provenance): string[] {
  const lines: string[] = []
  for (const service of p.services ?? []) {
    const manager = service.manager === 'launchd' ? `launchd job${service.domain ? ` (${service.domain})` : ''}` : 'Windows service'
    const restarts = service.restarts === null ? 'restart unknown' : service.restarts ? 'restarted by its manager' : 'not restarted'
    lines.push(`${manager}: ${serviceLabel(service)}${service.startType ? `, start ${service.startType}` : ''}, ${restarts}${service.restartsBecause ? ` (${service.restartsBecause})` : ''}`)
  }
  if (p.unit) lines.push(`systemd ${p.unit.manager === 'user' ? 'user ' : ''}unit: ${p.unit.name}`)
  if (p.container) lines.push(`container: ${p.container.name ?? p.container.id.slice(0, 12)} (${p.container.runtime}${p.container.image ? `, ${p.container.image}` : ''})`)
  if (p.app) lines.push(`desktop app: ${p.app}`)
  if (p.chain.length > 1) lines.push(`parents: ${chainText(p.chain)}`)
  if (p.supervisor) lines.push(`supervisor: ${p.supervisor.name} (pid ${p.supervisor.pid}, ${p.supervisor.kind})`)
  if (p.project) lines.push(`project: ${p.project.name} in ${p.project.path} (${p.project.marker})`)
  if (p.cwd) lines.push(`working directory: ${p.cwd}`)
  return lines
}
