import { describe, expect, it } from 'vitest'
import { InputError, IntervalSchema, parsePortSpec, parseWith, StoryRequestSchema } from '../../../src/shared/validate'

describe('parsePortSpec', () => {
  it.each([
    ['80', { port: 80, protocol: null }],
    ['0', { port: 0, protocol: null }],
    ['65535', { port: 65535, protocol: null }],
    ['53/udp', { port: 53, protocol: 'udp' }],
    [' 443/TCP ', { port: 443, protocol: 'tcp' }],
  ])('reads %j', (text, expected) => {
    expect(parsePortSpec(text)).toEqual(expected)
  })

  it.each([
    ['-1', /not a port/],
    ['65536', /out of range/],
    ['99999', /out of range/],
    ['abc', /not a port/],
    ['80/icmp', /unknown protocol "icmp"/],
    ['', /not a port/],
    ['80/', /not a port/],
    ['8 0', /not a port/],
  ])('rejects %j with one line', (text, message) => {
    expect(() => parsePortSpec(text)).toThrow(InputError)
    expect(() => parsePortSpec(text)).toThrow(message)
    try {
      parsePortSpec(text)
    } catch (error) {
      expect((error as Error).message).not.toContain('\n')
    }
  })
})

describe('schemas', () => {
  it('validates story requests as [port, protocol?]', () => {
    expect(parseWith(StoryRequestSchema, [1322])).toEqual([1322, undefined])
    expect(parseWith(StoryRequestSchema, [53, 'udp'])).toEqual([53, 'udp'])
    expect(() => parseWith(StoryRequestSchema, [70000])).toThrow(/between 0 and 65535/)
    expect(() => parseWith(StoryRequestSchema, 'garbled')).toThrow(InputError)
  })

  it('bounds the poll interval to 250 ms – 60 s', () => {
    expect(parseWith(IntervalSchema, 1000)).toBe(1000)
    expect(() => parseWith(IntervalSchema, 100)).toThrow(/at least 250 ms/)
    expect(() => parseWith(IntervalSchema, 120_000)).toThrow(/at most 60000 ms/)
  })
})
