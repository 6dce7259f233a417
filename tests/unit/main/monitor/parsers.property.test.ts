import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { exposureOf, familyOf, normalizeAddress, parsePortText } from '../../../../src/main/monitor/address'
import { checkRecords, recordProblem } from '../../../../src/main/monitor/records'
import { fromSystemInformation } from '../../../../src/main/monitor/si-collector'

const RUNS = { numRuns: 400 }

/** Anything systeminformation (or a broken platform tool behind it) might put in a field. */
const field = fc.oneof(
  fc.anything(),
  fc.string(),
  fc.constantFrom('', ' ', '*', '0', '65535', '65536', '-1', '1e3', '0x50', '[::1]', '[]', 'fe80::1%eth0', '::ffff:127.0.0.1', '0.0.0.0', '  '),
  fc.integer({ min: -2, max: 70_000 }),
  fc.double(),
)
const protocolText = fc.oneof(fc.constantFrom('tcp', 'tcp6', 'udp', 'udp6', 'TCP', 'UDP', 'Proto', 'tcpx', ''), fc.string())

const siRow = fc.record({
  protocol: protocolText,
  localAddress: field,
  localPort: field,
  peerAddress: field,
  peerPort: field,
  state: field,
  pid: field,
  process: field,
})

type SiRow = Parameters<typeof fromSystemInformation>[0]

describe('fromSystemInformation on arbitrary rows', () => {
  it('never throws, and whatever it returns passes the poller\'s record check', () => {
    fc.assert(
      fc.property(siRow, (row) => {
        const record = fromSystemInformation(row as unknown as SiRow)
        if (record !== null) expect(recordProblem(record)).toBeNull()
      }),
      RUNS,
    )
  })

  it('keeps a well-formed row, whatever the process name holds (spaces, unicode, newlines)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('tcp', 'tcp6', 'udp'),
        fc.integer({ min: 0, max: 65535 }),
        fc.integer({ min: 1, max: 2 ** 22 }),
        fc.string({ unit: 'grapheme', minLength: 1 }),
        (protocol, port, pid, name) => {
          const record = fromSystemInformation({ protocol, localAddress: protocol.endsWith('6') ? '[::1]' : '127.0.0.1', localPort: String(port), peerAddress: '', peerPort: '', state: 'LISTEN', pid, process: name })
          expect(record).toMatchObject({ port, pid, process: name, protocol: protocol.slice(0, 3) })
        },
      ),
      RUNS,
    )
  })
})

describe('checkRecords on arbitrary collector output', () => {
  it('returns the list or throws an Error that names the collector and the problem', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.array(fc.anything())), (value) => {
        try {
          expect(checkRecords(value, 'fuzz')).toBe(value)
        } catch (error) {
          expect(error).toBeInstanceOf(Error)
          expect((error as Error).message).toMatch(/^fuzz returned /)
        }
      }),
      RUNS,
    )
  })
})

describe('address helpers on arbitrary text', () => {
  it('never throw; ports are 0-65535 or null; the family follows the colon', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const address = normalizeAddress(text)
        expect(familyOf(address)).toBe(address.includes(':') ? 6 : 4)
        expect(['loopback', 'all', 'specific']).toContain(exposureOf(address))
        const port = parsePortText(text)
        if (port !== null) expect(Number.isInteger(port) && port >= 0 && port <= 65535).toBe(true)
      }),
      RUNS,
    )
  })

  it('reads back every port it is given, as text or number', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 65535 }), (port) => {
        expect(parsePortText(String(port))).toBe(port)
        expect(parsePortText(` ${port} `)).toBe(port)
        expect(parsePortText(port)).toBe(port)
      }),
    )
    expect([65536, -1, 1.5, Number.NaN].map((n) => parsePortText(n))).toEqual([null, null, null, null])
  })
})
