import { isPort } from '../../shared/port'
import { readFileSync } from 'node:fs'
import type { PortRange } from '../../shared/row'
import type { EphemeralRange, RangeFacts, StoryOs } from '../../shared/story'

// RFC 6335 section 6.
export const SYSTEM_MAX = 1023
export const USER_MAX = 49151

export function classifyRange(port: number): PortRange {
  if (port <= SYSTEM_MAX) return 'system'
  if (port <= USER_MAX) return 'user'
  return 'dynamic'
}

const RANGE_FACTS: Record<PortRange, Omit<RangeFacts, 'id'>> = {
  system: { name: 'System', commonName: 'well-known', low: 0, high: SYSTEM_MAX },
  user: { name: 'User', commonName: 'registered', low: SYSTEM_MAX + 1, high: USER_MAX },
  dynamic: { name: 'Dynamic/Private', commonName: 'dynamic', low: USER_MAX + 1, high: 65535 },
}

export function rangeFacts(port: number): RangeFacts {
  const id = classifyRange(port)
  return { id, ...RANGE_FACTS[id] }
}

export const LINUX_PORT_RANGE_FILE = '/proc/sys/net/ipv4/ip_local_port_range'
/** Linux's default ip_local_port_range; Windows (since Vista) and macOS follow RFC 6335's 49152-65535. */
export const LINUX_DEFAULT_EPHEMERAL = { low: 32768, high: 60999 }
export const IANA_EPHEMERAL = { low: USER_MAX + 1, high: 65535 }

export function osOf(platform: NodeJS.Platform): StoryOs {
  if (platform === 'darwin') return 'macos'
  if (platform === 'win32') return 'windows'
  return 'linux'
}

/** "32768\t60999\n" → its bounds, or null when the text is anything else. */
export function parsePortRangeFile(text: string): { low: number; high: number } | null {
  const match = /^\s*(\d{1,5})\s+(\d{1,5})\s*$/.exec(text)
  if (!match) return null
  const low = Number(match[1])
  const high = Number(match[2])
  return low <= high && isPort(high) ? { low, high } : null
}

/** The range this OS hands out to outgoing connections; on Linux read from the kernel, else its default. */
export function ephemeralRange(platform: NodeJS.Platform = process.platform, read: (path: string) => string = (p) => readFileSync(p, 'utf8')): EphemeralRange {
  const os = osOf(platform)
  if (os !== 'linux') return { os, ...IANA_EPHEMERAL, origin: 'default' }
  try {
    const parsed = parsePortRangeFile(read(LINUX_PORT_RANGE_FILE))
    if (parsed) return { os, ...parsed, origin: LINUX_PORT_RANGE_FILE }
  } catch {
    // Not Linux after all (or /proc hidden): fall through to the kernel's default.
  }
  return { os, ...LINUX_DEFAULT_EPHEMERAL, origin: 'default' }
}
