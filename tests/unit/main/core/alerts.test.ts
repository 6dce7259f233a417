import { afterEach, describe, expect, it, vi } from 'vitest'
import { AlertBatcher, alertReason, describeBatch, type AlertBatch } from '../../../../src/main/core/alerts'
import { DEFAULT_SETTINGS, type AlertSettings } from '../../../../src/shared/settings'
import type { Row } from '../../../../src/shared/row'

function row(port: number, patch: Partial<Row> = {}): Row {
  return {
    id: `tcp|0.0.0.0|${port}|1`, protocol: 'tcp', family: 4, address: '0.0.0.0', port, state: 'LISTEN', pid: 1, process: 'node',
    service: null, description: null, range: 'user', exposure: 'all', remoteAddress: null, remotePort: null,
    uid: 0, ownerHidden: false, since: 0, container: null, ...patch,
  }
}
const on = (patch: Partial<AlertSettings>): AlertSettings => ({ ...DEFAULT_SETTINGS.alerts, enabled: true, ...patch })

afterEach(() => {
  vi.useRealTimers()
})

describe('alertReason', () => {
  it('is silent when alerts are off (the default)', () => {
    expect(alertReason(row(22), { ...DEFAULT_SETTINGS.alerts, watchedPorts: [22] })).toBeNull()
  })
  it('matches watched ports, watched programs and exposure', () => {
    expect(alertReason(row(22), on({ watchedPorts: [22] }))).toBe('watched port 22')
    expect(alertReason(row(8080, { process: 'Python' }), on({ processNames: ['python'] }))).toBe('watched program Python')
    expect(alertReason(row(8080), on({ exposedBeyondLoopback: true }))).toBe('exposed beyond loopback')
    expect(alertReason(row(8080, { exposure: 'loopback', address: '127.0.0.1' }), on({ exposedBeyondLoopback: true }))).toBeNull()
    expect(alertReason(row(8080), on({ watchedPorts: [22] }))).toBeNull()
  })
})

describe('AlertBatcher', () => {
  it('turns a burst into one notification', () => {
    vi.useFakeTimers()
    const batches: AlertBatch[] = []
    const batcher = new AlertBatcher((b) => batches.push(b), 3000)
    const settings = on({ exposedBeyondLoopback: true })
    batcher.offer([row(3000)], settings)
    batcher.offer([row(3001), row(3002, { exposure: 'loopback' })], settings)
    batcher.offer([row(3003), row(3004)], settings)
    expect(batches).toHaveLength(0)
    vi.advanceTimersByTime(3000)
    expect(batches).toHaveLength(1)
    expect(batches[0]?.title).toBe('4 new listeners')
    expect(batches[0]?.body).toBe('node on tcp 3000, node on tcp 3001, node on tcp 3003 and 1 more')
    expect(batches[0]?.rows.map((r) => r.port)).toEqual([3000, 3001, 3003, 3004])
    batcher.offer([row(9000)], settings)
    vi.advanceTimersByTime(3000)
    expect(batches).toHaveLength(2)
    expect(batches[1]?.title).toBe('New listener: tcp port 9000')
  })

  it('describes a single listener with its address', () => {
    expect(describeBatch([row(22, { process: 'sshd' })])).toMatchObject({ body: 'sshd on tcp 22 (0.0.0.0)' })
  })

  it('escapes control and bidi characters a process put in its name', () => {
    const batch = describeBatch([row(22, { process: 'ssh\nd\u001b[2J\u202eexe.txt' })])
    expect(batch.body).toBe('ssh\\nd\\x1b[2J\\u202eexe.txt on tcp 22 (0.0.0.0)')
  })
})
