import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ListenerHistory } from '../../../../src/main/core/history'
import type { Row } from '../../../../src/shared/row'

const fresh = () => mkdtempSync(join(tmpdir(), 'portolan-history-'))

function row(port: number, patch: Partial<Row> = {}): Row {
  return {
    id: `tcp|127.0.0.1|${port}|1`, protocol: 'tcp', family: 4, address: '127.0.0.1', port, state: 'LISTEN', pid: 1, process: 'node',
    service: null, description: null, range: 'user', exposure: 'loopback', remoteAddress: null, remotePort: null,
    uid: 0, ownerHidden: false, since: 0, container: null, ...patch,
  }
}

describe('ListenerHistory', () => {
  it('remembers first and last seen across restarts, whatever the pid', () => {
    const dir = fresh()
    const history = new ListenerHistory(dir)
    history.observe([row(3000, { since: 1000 })], 1000)
    history.observe([row(3000, { since: 1000 })], 5000)
    history.save()
    const reopened = new ListenerHistory(dir)
    expect(reopened.seen(row(3000, { pid: 999 }))).toEqual({ firstSeen: 1000, lastSeen: 5000, pid: 1, heldSince: 1000 })
    expect(reopened.seen(row(3001))).toBeUndefined()
  })

  it('stays bounded, forgetting the listeners not seen for longest', () => {
    const history = new ListenerHistory(fresh(), 3)
    for (let port = 1; port <= 5; port++) history.observe([row(port, { since: port })], port * 10)
    expect(history.size).toBe(3)
    expect(history.seen(row(1))).toBeUndefined()
    expect(history.seen(row(2))).toBeUndefined()
    expect(history.seen(row(5))).toMatchObject({ firstSeen: 5, lastSeen: 50 })
  })

  it('moves a corrupt history aside and starts empty', () => {
    const dir = fresh()
    writeFileSync(join(dir, 'history.json'), '{"listeners": {"k": [1]}}')
    const history = new ListenerHistory(dir)
    expect(history.size).toBe(0)
    expect(history.notice).toMatch(/history\.json was unreadable/)
  })
})
