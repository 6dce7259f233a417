import { missingOwnerText } from '../../../shared/owner'
import type { Exposure, Row } from '../../../shared/row'

export const HIDDEN_OWNER_HINT = "This socket belongs to another user; run Portolan as root (or admin) to see its process."

const EXPOSURE_LABELS: Record<Exposure, string> = { loopback: 'loopback', all: 'all interfaces', specific: 'specific' }

export function describeExposure(exposure: Exposure): string {
  return EXPOSURE_LABELS[exposure]
}

/** The process column: a container over its proxy, a name, or why there is none (hidden, or no process at all). */
export function describeOwner(row: Row): string {
  if (row.container) return `container ${row.container.name} (${row.container.image})`
  if (row.process) return row.process
  return missingOwnerText(row) ?? `pid ${row.pid}`
}

export function describeProtocol(row: Row): string {
  return row.family === 6 ? `${row.protocol}6` : row.protocol
}

const SECOND = 1000
const MINUTE = 60 * SECOND
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** "<1 s", "42 s", "5 min", "3 h 2 min", "2 d 4 h". */
export function formatAge(ms: number): string {
  if (ms < SECOND) return '<1 s'
  if (ms < MINUTE) return `${Math.floor(ms / SECOND)} s`
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)} min`
  if (ms < DAY) return `${Math.floor(ms / HOUR)} h ${Math.floor((ms % HOUR) / MINUTE)} min`
  return `${Math.floor(ms / DAY)} d ${Math.floor((ms % DAY) / HOUR)} h`
}

export function formatClock(epochMs: number): string {
  return new Date(epochMs).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' })
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString()} ${count === 1 ? one : many}`
}
