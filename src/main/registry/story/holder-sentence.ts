import { homedir } from 'node:os'
import { chainText, serviceLabel, shortPath, type Provenance, type ServiceOrigin } from '../../../shared/provenance'
import type { Row } from '../../../shared/row'

/** "A, B and C". */
function listed(words: readonly string[]): string {
  return words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`
}

/** The services a process runs as, and the wrapper between the service and it when there is one. */
function serviceClause(services: readonly ServiceOrigin[], p: Provenance): string {
  const [first] = services
  const host = first?.pid ?? null
  const wrapper = host !== null && host !== p.chain[0]?.pid ? p.chain.find((link) => link.pid === host) : undefined
  const through = wrapper ? ` through ${wrapper.name} (pid ${wrapper.pid})` : ''
  if (first?.manager === 'launchd') return `run by launchd as ${first.name}${first.domain ? ` (${first.domain})` : ''}${through}`
  if (services.length === 1 && first) return `run by Windows as the service ${serviceLabel(first)}${through}`
  return `run by Windows in the process of the services ${listed(services.map(serviceLabel))}${through}`
}

function startedClause(p: Provenance): string | null {
  if (p.services && p.services.length > 0) return serviceClause(p.services, p)
  if (p.container) {
    const name = p.container.name ?? p.container.id.slice(0, 12)
    return `in the ${p.container.runtime === 'docker' ? 'Docker' : p.container.runtime} container ${name}${p.container.image ? ` (${p.container.image})` : ''}`
  }
  if (p.unit?.name.endsWith('.service')) return `run by ${p.unit.manager === 'user' ? "the user's " : ''}systemd as ${p.unit.name}`
  const parents = p.chain.slice(1)
  const via = parents.length > 0 ? ` (${chainText(parents)})` : ''
  switch (p.supervisor?.kind) {
    case 'multiplexer':
    case 'terminal':
      return `started from a terminal${via}`
    case 'shell':
      return `started from a shell${via}`
    case 'ide':
      return `started from ${p.supervisor.name}${via}`
    case 'process-manager':
      return `kept running by ${p.supervisor.name}${via}`
    case 'container-runtime':
      return `started by the container runtime ${p.supervisor.name}${via}`
    case 'systemd':
      return `started by systemd${via}`
    case 'service-manager':
      return `started by the service manager${via}`
    case 'desktop':
      return `started from the desktop${via}`
    default:
      return p.app ? `launched by the desktop app ${p.app}` : null
  }
}

function exposureClause(rows: readonly Row[]): string {
  if (rows.some((r) => r.exposure === 'all')) return 'exposed on every interface'
  if (rows.every((r) => r.exposure === 'loopback')) return 'exposed on loopback only'
  const addresses = [...new Set(rows.filter((r) => r.exposure === 'specific').map((r) => r.address))]
  return `exposed on ${addresses.join(' and ')}${rows.some((r) => r.exposure === 'loopback') ? ' and loopback' : ''}`
}

/**
 * One sentence on who holds a port: "Held by vite (pid 4242) for the project shop in ~/src/shop, started
 * from a terminal (bash ← tmux); 3 connections; exposed on loopback only." Every clause only when known.
 * `sameHolder` are the other sockets of that process on the port (IPv4 and IPv6), for one exposure clause.
 */
export function describeHolder(row: Row, sameHolder: readonly Row[] = [row], home: string | null = homedir()): string {
  const who = row.process ? `${row.process}${row.pid !== null ? ` (pid ${row.pid})` : ''}` : row.pid !== null ? `pid ${row.pid}` : null
  const p = row.provenance
  let head = who ? `Held by ${who}` : 'Held by a process Portolan cannot see'
  if (p?.project) head += ` for the project ${p.project.name} in ${shortPath(p.project.path, home)}`
  const started = p ? startedClause(p) : null
  if (started) head += `, ${started}`
  const clauses = [head]
  const connections = sameHolder.reduce<number | null>((n, r) => (r.activity?.connections == null ? n : (n ?? 0) + r.activity.connections), null)
  if (connections !== null) clauses.push(`${connections} connection${connections === 1 ? '' : 's'}`)
  clauses.push(exposureClause(sameHolder))
  return `${clauses.join('; ')}.`
}

/** One describeHolder sentence per process with provenance holding listeners among `live` (connections are not holders), by pid. */
export function holderSentences(live: readonly Row[], home?: string | null): Map<number, string> {
  const byPid = new Map<number, [Row, ...Row[]]>()
  for (const row of live) {
    if (row.pid === null || row.remotePort !== null) continue
    const rows = byPid.get(row.pid)
    if (rows) rows.push(row)
    else byPid.set(row.pid, [row])
  }
  const sentences = new Map<number, string>()
  for (const [pid, rows] of byPid) if (rows.some((r) => r.provenance)) sentences.set(pid, describeHolder(rows[0], rows, home))
  return sentences
}
