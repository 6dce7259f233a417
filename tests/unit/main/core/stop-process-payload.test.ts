import { describe, expect, it } from 'vitest'
import { DescribeStopTargetRequestSchema, InputError, parseWith, StopProcessRequestSchema } from '../../../../src/shared/validate'

describe('stop payloads from the page', () => {
  it('accepts a row id, and a row id with { force }', () => {
    expect(parseWith(DescribeStopTargetRequestSchema, ['tcp|127.0.0.1|8080|4242'])).toEqual(['tcp|127.0.0.1|8080|4242'])
    expect(parseWith(StopProcessRequestSchema, ['tcp|::|53|-', { force: true }])).toEqual(['tcp|::|53|-', { force: true }])
  })

  it('rejects a pid in place of a row id, extra fields, and oversized ids', () => {
    expect(() => parseWith(DescribeStopTargetRequestSchema, [4242])).toThrow(InputError)
    expect(() => parseWith(DescribeStopTargetRequestSchema, [''])).toThrow('row id must not be empty')
    expect(() => parseWith(StopProcessRequestSchema, ['x', { force: true, pid: 1 }])).toThrow(InputError)
    expect(() => parseWith(StopProcessRequestSchema, ['x', { force: 'yes' }])).toThrow('force must be true or false')
    expect(() => parseWith(StopProcessRequestSchema, ['x'])).toThrow(InputError)
    expect(() => parseWith(DescribeStopTargetRequestSchema, ['x'.repeat(513)])).toThrow(/at most 512/)
  })
})
