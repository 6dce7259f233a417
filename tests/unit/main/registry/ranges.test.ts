import { describe, expect, it } from 'vitest'
import { classifyRange } from '../../../../src/main/registry/ranges'

describe('RFC 6335 ranges', () => {
  it.each([
    [0, 'system'], [1023, 'system'], [1024, 'user'], [49151, 'user'], [49152, 'dynamic'], [65535, 'dynamic'],
  ] as const)('port %i is in the %s range', (port, range) => {
    expect(classifyRange(port)).toBe(range)
  })
})
