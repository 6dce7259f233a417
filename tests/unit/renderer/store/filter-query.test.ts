import { describe, expect, it } from 'vitest'
import { parseFilterQuery, queryMatcher, singlePortOf } from '../../../../src/shared/filter-query'
import type { Row } from '../../../../src/shared/row'
import { DEFAULT_FILTER, rowMatcher } from '../../../../src/renderer/src/store/row-filter'
import { makeRow } from './fixtures'

const rows: Row[] = [
  makeRow(22, { address: '0.0.0.0', exposure: 'all', process: 'sshd', service: 'ssh', user: 'root', uid: 0 }),
  makeRow(53, { id: 'udp|::1|53', protocol: 'udp', family: 6, address: '::1', process: 'dnsmasq', service: 'domain', state: 'UNCONN', user: 'dnsmasq', uid: 998 }),
  makeRow(3000, { process: 'node', commandLine: ['node', 'server.js', '--port', '3000'], user: 'ana', uid: 1000, label: 'Frontend dev' }),
  makeRow(3999, { id: 'tcp|::|3999', family: 6, address: '::', exposure: 'all', dualStack: true, process: 'chrome', user: 'ana', uid: 1000 }),
  makeRow(5432, { process: null, pid: null, ownerHidden: true, service: 'postgresql', uid: 113 }),
  makeRow(41000, { id: 'tcp|c', state: 'ESTAB', process: 'node', remoteAddress: '10.0.0.9', remotePort: 443, user: 'ana' }),
]
const ports = (text: string, patch: Partial<typeof DEFAULT_FILTER> = {}) => rows.filter(rowMatcher({ ...DEFAULT_FILTER, ...patch, text })).map((r) => r.port)

describe('filter query', () => {
  it('reads :N, port:N and port:A-B as ports, not as text (13000 does not match :3000)', () => {
    expect(ports(':3000')).toEqual([3000])
    expect(ports('port:3000')).toEqual([3000])
    expect(ports('port:3000-3999')).toEqual([3000, 3999])
    expect(ports(':22-53')).toEqual([22, 53])
  })

  it('reads proc:, user:, proto:, exposure:, state:, label:, cmd:, remote: and pid:', () => {
    expect(ports('proc:node')).toEqual([3000, 41000])
    expect(ports('user:ana')).toEqual([3000, 3999, 41000])
    expect(ports('user:113')).toEqual([5432])
    expect(ports('proto:udp')).toEqual([53])
    expect(ports('proto:tcp6')).toEqual([3999])
    expect(ports('exposure:all')).toEqual([22, 3999])
    expect(ports('exposure:loopback')).toEqual([53, 3000, 5432, 41000])
    expect(ports('state:bound')).toEqual([53])
    expect(ports('state:established')).toEqual([41000])
    expect(ports('label:frontend')).toEqual([3000])
    expect(ports('cmd:server.js')).toEqual([3000])
    expect(ports('remote:443')).toEqual([41000])
    expect(ports('pid:1022')).toEqual([22])
  })

  it('negates with a leading minus, and combines: same key = either, different keys = both', () => {
    expect(ports('-proc:chrome user:ana')).toEqual([3000, 41000])
    // tcp4 includes the dual-stack :: listener (it accepts IPv4 too).
    expect(ports('proto:udp proto:tcp4 -:22')).toEqual([53, 3000, 3999, 5432, 41000])
    expect(ports(':22 :53')).toEqual([22, 53])
    expect(ports('proc:node -state:established')).toEqual([3000])
  })

  it('matches plain words across the columns, labels and command lines included', () => {
    expect(ports('frontend')).toEqual([3000])
    expect(ports('server.js')).toEqual([3000])
    expect(ports('ipv4 too')).toEqual([3999])
    expect(ports('::1')).toEqual([53])
    expect(ports('10.0.0.9')).toEqual([41000])
    expect(ports('"--port"')).toEqual([3000])
    expect(ports('--port')).toEqual([3000])
    expect(parseFilterQuery('--port').terms).toEqual([{ kind: 'text', value: '--port', negate: false, source: '--port' }])
  })

  it('leaves out what it cannot read, saying why in one sentence each', () => {
    const query = parseFilterQuery('port:http proc: :70000 node')
    expect(query.terms.map((t) => t.source)).toEqual(['node'])
    expect(query.problems).toEqual([
      '"port:http" is not a port or range (try port:3000 or port:3000-3999)',
      '"proc:" needs a value after the colon (like proc:node)',
      '":70000" is not a port or range (try port:3000 or port:3000-3999)',
    ])
    expect(queryMatcher(parseFilterQuery('  '), () => '')).toBeNull()
  })

  it('counts a dual-stack :: listener under IPv4 as well as IPv6', () => {
    expect(ports('', { ipv6: false })).toEqual([22, 3000, 3999, 5432, 41000])
    expect(ports('', { ipv4: false })).toEqual([53, 3999])
  })

  it('names the single port a query is about, for "Open the story of port N"', () => {
    expect(singlePortOf('3000')).toBe(3000)
    expect(singlePortOf(' :8080 ')).toBe(8080)
    expect(singlePortOf('port:1322')).toBe(1322)
    expect(singlePortOf('port:1-2')).toBeNull()
    expect(singlePortOf('-:22')).toBeNull()
    expect(singlePortOf('70000')).toBeNull()
    expect(singlePortOf('node')).toBeNull()
  })
})
