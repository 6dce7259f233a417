import { describe, expect, it } from 'vitest'
import { normalizeSsAddress, parseSsListing } from '../../helpers/ss-listing'

describe('parseSsListing', () => {
  it('reads protocol, state, address, port and every pid of `ss -tulnpH`', () => {
    const text = [
      'udp UNCONN 0      0      127.0.0.53%lo:53    0.0.0.0:* users:(("systemd-resolve",pid=510,fd=13))',
      'udp UNCONN 0      0              *:57323       *:* users:(("node",pid=9450,fd=26))',
      'tcp LISTEN 0      511        [::1]:33677    [::]:* users:(("nginx",pid=12,fd=6),("nginx",pid=11,fd=6))',
      'tcp LISTEN 0      128      0.0.0.0:2024  0.0.0.0:*',
      '',
    ].join('\n')
    expect(parseSsListing(text)).toEqual([
      { protocol: 'udp', state: 'UNCONN', address: '127.0.0.53', port: 53, pids: [510] },
      { protocol: 'udp', state: 'UNCONN', address: '::', port: 57323, pids: [9450] },
      { protocol: 'tcp', state: 'LISTEN', address: '::1', port: 33677, pids: [12, 11] },
      { protocol: 'tcp', state: 'LISTEN', address: '0.0.0.0', port: 2024, pids: [] },
    ])
  })

  it('normalizes brackets, zones and the dual-stack wildcard', () => {
    expect(normalizeSsAddress('[::ffff:127.0.0.1]')).toBe('::ffff:127.0.0.1')
    expect(normalizeSsAddress('[fe80::1%eth0]')).toBe('fe80::1')
    expect(normalizeSsAddress('*')).toBe('::')
  })
})
