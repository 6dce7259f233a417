import { describe, expect, it } from 'vitest'
import { exposureOf, familyOf, normalizeAddress, parsePortText } from '../../../../src/main/monitor/address'

describe('addresses', () => {
  it('strips brackets and lower-cases IPv6, keeping zone ids', () => {
    expect(normalizeAddress('[::1]')).toBe('::1')
    expect(normalizeAddress('FE80::1%eth0')).toBe('fe80::1%eth0')
    expect(normalizeAddress('*')).toBe('0.0.0.0')
    expect(familyOf('::ffff:10.0.0.1')).toBe(6)
    expect(familyOf('10.0.0.1')).toBe(4)
  })

  it.each([
    ['127.0.0.1', 'loopback'], ['127.0.0.53', 'loopback'], ['::1', 'loopback'], ['::ffff:127.0.0.1', 'loopback'],
    ['0.0.0.0', 'all'], ['::', 'all'], ['::ffff:0.0.0.0', 'all'],
    ['192.168.1.10', 'specific'], ['fe80::1%eth0', 'specific'], ['::ffff:10.0.0.1', 'specific'],
  ] as const)('%s is exposed to %s', (address, exposure) => {
    expect(exposureOf(address)).toBe(exposure)
  })

  it('parses port text at the edges and rejects the rest', () => {
    expect(parsePortText('0')).toBe(0)
    expect(parsePortText('65535')).toBe(65535)
    expect(parsePortText('65536')).toBeNull()
    expect(parsePortText('*')).toBeNull()
    expect(parsePortText('-1')).toBeNull()
    expect(parsePortText(' 80 ')).toBe(80)
    expect(parsePortText(80.5)).toBeNull()
    expect(parsePortText(undefined)).toBeNull()
  })
})
