import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { exportRows } from '../../../src/shared/export'
import type { Row } from '../../../src/shared/row'

const row: Row = {
  id: 'x', protocol: 'tcp', family: 6, address: '::1', port: 3000, state: 'LISTEN', pid: 42, process: 'my "dev", server',
  service: 'hbci', description: 'HBCI\nmulti-line', range: 'user', exposure: 'loopback', remoteAddress: null, remotePort: null,
  uid: 0, ownerHidden: false, since: Date.UTC(2026, 10, 26), container: null,
}

describe('export', () => {
  it('writes CSV that a real CSV parser reads back', () => {
    const records = parse<Record<string, string>>(exportRows([row, { ...row, process: '=cmd|calc', port: 80 }], 'csv'), { columns: true })
    expect(records).toHaveLength(2)
    expect(records[0]).toMatchObject({ protocol: 'tcp', address: '::1', port: '3000', process: 'my "dev", server', pid: '42', since: '2026-11-26T00:00:00.000Z' })
    expect(records[1]?.process).toBe("'=cmd|calc")
  })

  it('writes the command line as one shell-quoted cell, and the owner details and both ages', () => {
    const detailed: Row = {
      ...row,
      commandLine: ['python3', '-m', 'http.server', "it's 8000"],
      executable: '/usr/bin/python3.12',
      user: 'ana',
      processStart: Date.UTC(2026, 10, 25),
      firstSeen: Date.UTC(2026, 0, 1),
    }
    const [record] = parse<Record<string, string>>(exportRows([detailed], 'csv'), { columns: true })
    expect(record).toMatchObject({
      commandLine: "python3 -m http.server 'it'\\''s 8000'",
      executable: '/usr/bin/python3.12',
      user: 'ana',
      processStart: '2026-11-25T00:00:00.000Z',
      firstSeen: '2026-01-01T00:00:00.000Z',
    })
    expect(parse(exportRows([row], 'csv'), { columns: true })[0]).toMatchObject({ commandLine: '', user: '' })
  })

  it('writes JSON rows unchanged', () => {
    expect(JSON.parse(exportRows([row], 'json'))).toEqual([row])
  })
})
