import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Delta, MonitorStatus, Snapshot } from '../../../../src/shared/row'
import { SWEEP_BATCH_MS, createMonitorStore, type MonitorApi } from '../../../../src/renderer/src/store/monitor-store'
import { HIGHLIGHT_MS } from '../../../../src/renderer/src/store/row-model'
import { delta, makeRow, okStatus, snapshotOf } from './fixtures'

/** A stand-in for window.portolan whose snapshots resolve when the test says so. */
class FakeApi implements MonitorApi {
  readonly calls: string[] = []
  private deltaListeners = new Set<(d: Delta) => void>()
  private statusListeners = new Set<(s: MonitorStatus) => void>()
  private waiting: { resolve(s: Snapshot): void; reject(e: Error): void }[] = []

  snapshot(): Promise<Snapshot> {
    this.calls.push('snapshot')
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }))
  }
  onDelta(cb: (d: Delta) => void) {
    this.calls.push('onDelta')
    this.deltaListeners.add(cb)
    return () => this.deltaListeners.delete(cb)
  }
  onStatus(cb: (s: MonitorStatus) => void) {
    this.calls.push('onStatus')
    this.statusListeners.add(cb)
    return () => this.statusListeners.delete(cb)
  }
  async answer(snapshot: Snapshot) {
    this.waiting.shift()?.resolve(snapshot)
    await flush()
  }
  async fail(message: string) {
    this.waiting.shift()?.reject(new Error(message))
    await flush()
  }
  push(d: Delta) {
    for (const cb of this.deltaListeners) cb(d)
  }
  pushStatus(s: MonitorStatus) {
    for (const cb of this.statusListeners) cb(s)
  }
  get pendingSnapshots() {
    return this.waiting.length
  }
  get listenerCount() {
    return this.deltaListeners.size + this.statusListeners.size
  }
}

const flush = () => new Promise<void>((resolve) => queueMicrotask(resolve))
const ports = (api: ReturnType<typeof createMonitorStore>) =>
  [...api.store.getState().table.byId.values()].map((t) => t.row.port).sort((a, b) => a - b)

describe('monitor store', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 50_000 })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('subscribes before it asks for the snapshot', () => {
    const api = new FakeApi()
    createMonitorStore(api).connect()
    expect(api.calls.indexOf('onDelta')).toBeLessThan(api.calls.indexOf('snapshot'))
  })

  it('applies deltas that arrived during the snapshot, dropping those the snapshot already holds', async () => {
    const api = new FakeApi()
    const monitor = createMonitorStore(api)
    monitor.connect()
    expect(monitor.store.getState().phase).toBe('loading')
    api.push(delta(4, { added: [makeRow(1)] }))
    api.push(delta(5, { added: [makeRow(2)] }))
    api.push(delta(6, { added: [makeRow(3)] }))
    await api.answer(snapshotOf(5, [makeRow(1), makeRow(2)]))
    const state = monitor.store.getState()
    expect(state.phase).toBe('ready')
    expect(state.table.seq).toBe(6)
    expect(ports(monitor)).toEqual([1, 2, 3])
    expect(state.table.byId.get(makeRow(2).id)?.change).toBeNull()
    expect(state.table.byId.get(makeRow(3).id)?.change).toBe('new')
  })

  it('takes a fresh snapshot when a seq goes missing, and marks what changed meanwhile', async () => {
    const api = new FakeApi()
    const monitor = createMonitorStore(api)
    monitor.connect()
    await api.answer(snapshotOf(1, [makeRow(80), makeRow(22)]))
    api.push(delta(3, { added: [makeRow(9999)] }))
    expect(monitor.store.getState().resyncs).toBe(1)
    expect(api.pendingSnapshots).toBe(1)
    // Delta 3 was not applied on top of seq 1.
    expect(monitor.store.getState().table.seq).toBe(1)
    await api.answer(snapshotOf(3, [makeRow(80), makeRow(9999)]))
    const { table } = monitor.store.getState()
    expect(table.seq).toBe(3)
    expect(table.byId.get(makeRow(9999).id)?.change).toBe('new')
    expect(table.byId.get(makeRow(22).id)?.change).toBe('removed')
    api.push(delta(4, { removed: [makeRow(80).id] }))
    expect(monitor.store.getState().table.seq).toBe(4)
  })

  it('flags removed rows, then drops them when the mark expires', async () => {
    const api = new FakeApi()
    const monitor = createMonitorStore(api)
    monitor.connect()
    await api.answer(snapshotOf(1, [makeRow(80), makeRow(22)]))
    api.push(delta(2, { removed: [makeRow(22).id] }))
    expect(monitor.store.getState().table.byId.get(makeRow(22).id)?.change).toBe('removed')
    vi.advanceTimersByTime(HIGHLIGHT_MS.removed + 5)
    expect(ports(monitor)).toEqual([80])
  })

  it('drops removed rows whose marks end close together in one update', async () => {
    const api = new FakeApi()
    const monitor = createMonitorStore(api)
    monitor.connect()
    await api.answer(snapshotOf(1, [makeRow(80), makeRow(22), makeRow(443)]))
    api.push(delta(2, { removed: [makeRow(22).id] }))
    vi.advanceTimersByTime(SWEEP_BATCH_MS / 2)
    api.push(delta(3, { removed: [makeRow(443).id] }))
    const tables: unknown[] = []
    const off = monitor.store.subscribe((state) => tables.push(state.table))
    vi.advanceTimersByTime(HIGHLIGHT_MS.removed)
    off()
    expect(ports(monitor)).toEqual([80])
    expect(tables).toHaveLength(1)
  })

  it('keeps the latest pushed status', async () => {
    const api = new FakeApi()
    const monitor = createMonitorStore(api)
    monitor.connect()
    await api.answer(snapshotOf(1, []))
    api.pushStatus({ ...okStatus, state: 'stale', error: 'netstat failed', consecutiveFailures: 2 })
    expect(monitor.store.getState().status).toMatchObject({ state: 'stale', error: 'netstat failed' })
  })

  it('says when the snapshot fails and retries', async () => {
    const api = new FakeApi()
    const monitor = createMonitorStore(api, { retryMs: 1000 })
    monitor.connect()
    await api.fail('bridge closed')
    expect(monitor.store.getState()).toMatchObject({ phase: 'failed', loadError: 'bridge closed' })
    vi.advanceTimersByTime(1000)
    await api.answer(snapshotOf(2, [makeRow(80)]))
    expect(monitor.store.getState()).toMatchObject({ phase: 'ready', loadError: null })
  })

  it('unsubscribes on disconnect and ignores a snapshot that answers late', async () => {
    const api = new FakeApi()
    const monitor = createMonitorStore(api)
    const disconnect = monitor.connect()
    disconnect()
    expect(api.listenerCount).toBe(0)
    await api.answer(snapshotOf(1, [makeRow(80)]))
    expect(monitor.store.getState().phase).toBe('loading')
  })
})
