import fc from 'fast-check'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { REQUEST_NAMES, REQUESTS } from '../../../src/shared/ipc'
import { DEFAULT_SETTINGS, SettingsPatchSchema, SettingsSchema } from '../../../src/shared/settings'
import { describeIssues, InputError, parsePortSpec, parseWith, PortLabelSchema } from '../../../src/shared/validate'

const RUNS = { numRuns: 400 }
/** One line of plain text: what a CLI error or a page's rejection may show. */
// eslint-disable-next-line no-control-regex
const ONE_LINE = /^[^\u0000-\u001f]+$/

describe('parsePortSpec on arbitrary text', () => {
  it('reads a port 0-65535 with an optional protocol, or throws InputError with one line', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.tuple(fc.integer({ min: -5, max: 70_000 }), fc.string()).map(([n, s]) => `${n}/${s}`)), (text) => {
        let spec: ReturnType<typeof parsePortSpec> | null = null
        try {
          spec = parsePortSpec(text)
        } catch (error) {
          expect(error).toBeInstanceOf(InputError)
          expect((error as Error).message).toMatch(ONE_LINE)
        }
        if (spec) expect(spec.port >= 0 && spec.port <= 65535 && [null, 'tcp', 'udp'].includes(spec.protocol)).toBe(true)
      }),
      RUNS,
    )
  })

  it('reads back every port and protocol', () => {
    fc.assert(
      fc.property(fc.nat(65535), fc.constantFrom('', '/tcp', '/udp', '/TCP', '/Udp'), (port, suffix) => {
        expect(parsePortSpec(`${port}${suffix}`)).toEqual({ port, protocol: suffix === '' ? null : suffix.slice(1).toLowerCase() })
      }),
      RUNS,
    )
  })
})

describe('IPC payloads (REQUESTS) on arbitrary arguments', () => {
  const args = fc.oneof(
    fc.array(fc.anything(), { maxLength: 4 }),
    fc.array(fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom('a\nb', 'x\r\ny', '\u0000')), { maxLength: 3 }),
    fc.string({ unit: 'binary' }),
    fc.array(fc.oneof(fc.integer({ min: -1, max: 70_000 }), fc.constantFrom('tcp', 'udp', 'sctp', null, undefined, true, 'csv', 'json', 'https://x.example/', 'tcp|::|80|-'), fc.string()), { maxLength: 3 }),
    fc.anything(),
  )

  it.each(REQUEST_NAMES)('%s: validation never throws; a refusal is one line', (name) => {
    fc.assert(
      fc.property(args, (payload) => {
        const result = v.safeParse(REQUESTS[name].args, payload)
        if (!result.success) expect(describeIssues(result.issues)).toMatch(ONE_LINE)
      }),
      { numRuns: 200 },
    )
  })

  it('label payloads: whatever passes is within bounds', () => {
    fc.assert(
      fc.property(fc.record({ port: fc.integer({ min: -1, max: 70_000 }), protocol: fc.constantFrom('tcp', 'udp', null, 'x'), label: fc.string(), note: fc.option(fc.string(), { nil: null }) }), (label) => {
        const result = v.safeParse(PortLabelSchema, label)
        if (result.success) expect(result.output.label.length >= 1 && result.output.label.length <= 120).toBe(true)
      }),
      RUNS,
    )
  })
})

describe('settings on arbitrary JSON', () => {
  it('a settings file or patch either validates whole or is refused with one line', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.record({ pollIntervalMs: fc.jsonValue(), theme: fc.jsonValue(), filters: fc.jsonValue() }, { requiredKeys: [] })), (json) => {
        for (const schema of [SettingsSchema, SettingsPatchSchema]) {
          try {
            parseWith(schema, json)
          } catch (error) {
            expect(error).toBeInstanceOf(InputError)
            expect((error as Error).message).toMatch(ONE_LINE)
          }
        }
        try {
          const merged = parseWith(SettingsSchema, { ...DEFAULT_SETTINGS, ...parseWith(SettingsPatchSchema, json) })
          expect(v.is(SettingsSchema, merged)).toBe(true)
        } catch (error) {
          expect(error).toBeInstanceOf(InputError)
        }
      }),
      RUNS,
    )
  })
})
