import { describe, expect, it } from 'vitest'
import { DEFAULT_FILTER, matchesEverything, rowMatcher } from '../../../../src/renderer/src/store/row-filter'
import { makeRow } from './fixtures'

const rows = [
  makeRow(22, { address: '0.0.0.0', exposure: 'all', process: 'sshd', service: 'ssh' }),
  makeRow(53, { id: 'udp|6|::1|53', protocol: 'udp', family: 6, address: '::1', process: 'dnsmasq', service: 'domain' }),
  makeRow(5432, { process: null, pid: null, ownerHidden: true, service: 'postgresql' }),
]
const ports = (filter: typeof DEFAULT_FILTER) => rows.filter(rowMatcher(filter)).map((r) => r.port)

describe('row filter', () => {
  it('matches every word across columns, case-insensitively', () => {
    expect(ports({ ...DEFAULT_FILTER, text: 'SSH' })).toEqual([22])
    expect(ports({ ...DEFAULT_FILTER, text: 'udp dnsmasq' })).toEqual([53])
    expect(ports({ ...DEFAULT_FILTER, text: '5432' })).toEqual([5432])
    expect(ports({ ...DEFAULT_FILTER, text: "another user's" })).toEqual([5432])
  })

  it('applies the protocol, family and exposure toggles', () => {
    expect(ports({ ...DEFAULT_FILTER, udp: false })).toEqual([22, 5432])
    expect(ports({ ...DEFAULT_FILTER, ipv4: false })).toEqual([53])
    expect(ports({ ...DEFAULT_FILTER, exposedOnly: true })).toEqual([22])
  })
})

describe('matchesEverything', () => {
  it('is true only for a filter that lets every row through, and then agrees with the matcher', () => {
    expect(matchesEverything(DEFAULT_FILTER)).toBe(true)
    expect(matchesEverything({ ...DEFAULT_FILTER, text: '   ' })).toBe(true)
    expect(ports({ ...DEFAULT_FILTER, text: '   ' })).toEqual([22, 53, 5432])
    expect(matchesEverything({ ...DEFAULT_FILTER, text: 'ssh' })).toBe(false)
    expect(matchesEverything({ ...DEFAULT_FILTER, exposedOnly: true })).toBe(false)
    expect(matchesEverything({ ...DEFAULT_FILTER, tcp: false })).toBe(false)
    expect(matchesEverything({ ...DEFAULT_FILTER, ipv6: false })).toBe(false)
  })
})
