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
    const records = parse(exportRows([row, { ...row, process: '=cmd|calc', port: 80 }], 'csv'), { columns: true }) as Record<string, string>[]
    expect(records).toHaveLength(2)
    expect(records[0]).toMatchObject({ protocol: 'tcp', address: '::1', port: '3000', process: 'my "dev", server', pid: '42', since: '2026-11-26T00:00:00.000Z' })
    expect(records[1].process).toBe("'=cmd|calc")
  })

  it('writes JSON rows unchanged', () => {
    expect(JSON.parse(exportRows([row], 'json'))).toEqual([row])
  })
})
