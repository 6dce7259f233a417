import { isPort } from '../../shared/port'
import type { Exposure, Family } from '../../shared/row'

/** "[::1]" → "::1"; lower-cases hex; keeps a zone id ("fe80::1%eth0"). */
export function normalizeAddress(raw: string): string {
  let address = raw.trim()
  if (address.startsWith('[') && address.endsWith(']')) address = address.slice(1, -1)
  if (address === '*') return '0.0.0.0'
  return address.includes(':') ? address.toLowerCase() : address
}

export function familyOf(address: string): Family {
  return address.includes(':') ? 6 : 4
}

const IPV4_MAPPED = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/

export function exposureOf(address: string): Exposure {
  const [bare = address] = address.split('%')
  const v4 = IPV4_MAPPED.exec(bare)?.[1] ?? bare
  if (v4 === '0.0.0.0' || bare === '::' || bare === '*') return 'all'
  if (v4.startsWith('127.') || bare === '::1') return 'loopback'
  return 'specific'
}

const PORT_TEXT = /^\d{1,5}$/

/** A port as collectors print it ("8080", "*"), or null when it is not a port. */
export function parsePortText(text: string | number | null | undefined): number | null {
  if (typeof text === 'number') return isPort(text) ? text : null
  if (typeof text !== 'string' || !PORT_TEXT.test(text.trim())) return null
  const port = Number(text.trim())
  return isPort(port) ? port : null
}
