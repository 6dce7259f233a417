import type { PortRange } from '../../shared/row'

// RFC 6335 section 6.
export const SYSTEM_MAX = 1023
export const USER_MAX = 49151

export function classifyRange(port: number): PortRange {
  if (port <= SYSTEM_MAX) return 'system'
  if (port <= USER_MAX) return 'user'
  return 'dynamic'
}
