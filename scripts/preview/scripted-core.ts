import { describeBatch, type AlertBatch } from '../../src/main/core/alerts'
import type { Delta, MonitorStatus, Protocol, Row, Snapshot } from '../../src/shared/row'
import type { Story } from '../../src/shared/story'
import type { PreviewCore } from './bridge-server'

/**
 * A monitor that says exactly what it is told: for tests and benchmarks that drive the renderer
 * through the preview bridge with synthetic rows (e.g. 10,000 rows, then 500-row deltas):
 *
 *   const core = new ScriptedCore({ rows: syntheticRows(10_000) })
 *   const server = await startPreviewServer({ core, port: 0 })   // then open server.url in Chromium
 *   const { seq } = core.emit({ added, changed, removed })
 *   // the page has applied and rendered it once [role="grid"][data-applied-seq="<seq>"] exists
 */
export class ScriptedCore implements PreviewCore {
  private rows = new Map<string, Row>()
  private seq = 0
  private statusValue: MonitorStatus
  private readonly deltaListeners = new Set<(delta: Delta) => void>()
  private readonly statusListeners = new Set<(status: MonitorStatus) => void>()
  private readonly alertListeners = new Set<(batch: AlertBatch) => void>()
  private readonly tell: ((port: number, protocol?: Protocol) => Story) | null

  constructor(options: { rows?: Row[]; status?: Partial<MonitorStatus>; story?: (port: number, protocol?: Protocol) => Story } = {}) {
    for (const row of options.rows ?? []) this.rows.set(row.id, row)
    this.tell = options.story ?? null
    this.statusValue = {
      state: 'ok',
      collector: 'scripted',
      collectorNote: null,
      intervalMs: 1000,
      lastPollAt: Date.now(),
      lastPollMs: 0,
      error: null,
      consecutiveFailures: 0,
      nextPollAt: null,
      rowCount: this.rows.size,
      hiddenOwners: 0,
      privileged: false,
      ...options.status,
    }
  }

  get currentSeq(): number {
    return this.seq
  }

  snapshot(): Snapshot {
    return { seq: this.seq, rows: [...this.rows.values()], status: this.statusValue }
  }

  onDelta(cb: (delta: Delta) => void): () => void {
    this.deltaListeners.add(cb)
    return () => this.deltaListeners.delete(cb)
  }

  onStatus(cb: (status: MonitorStatus) => void): () => void {
    this.statusListeners.add(cb)
    return () => this.statusListeners.delete(cb)
  }

  onAlert(cb: (batch: AlertBatch) => void): () => void {
    this.alertListeners.add(cb)
    return () => this.alertListeners.delete(cb)
  }

  /** Raises a new-listener alert for these rows, as the alert settings would (the page shows a toast). */
  alert(rows: readonly Row[]): void {
    const batch = describeBatch(rows)
    for (const cb of this.alertListeners) cb(batch)
  }

  story(port: number, protocol?: Protocol): Story {
    if (!this.tell) throw new Error(`the scripted monitor has no story for ${port}${protocol ? `/${protocol}` : ''}`)
    return this.tell(port, protocol)
  }

  /** Applies a change as the next seq and sends it, like one poll. */
  emit(change: Omit<Delta, 'seq'>): Delta {
    return this.send(change, this.seq + 1)
  }

  /** Applies a change but skips `missing` seqs first, as if deltas were lost: the page must resync. */
  emitAfterGap(change: Omit<Delta, 'seq'>, missing = 1): Delta {
    return this.send(change, this.seq + 1 + missing)
  }

  setStatus(patch: Partial<MonitorStatus>): void {
    this.statusValue = { ...this.statusValue, ...patch }
    for (const cb of this.statusListeners) cb(this.statusValue)
  }

  private send(change: Omit<Delta, 'seq'>, seq: number): Delta {
    for (const row of [...change.added, ...change.changed]) this.rows.set(row.id, row)
    for (const id of change.removed) this.rows.delete(id)
    this.seq = seq
    const delta: Delta = { seq, ...change }
    for (const cb of this.deltaListeners) cb(delta)
    return delta
  }
}

/** `count` distinct, plausible listener rows (tcp/udp, IPv4/IPv6, loopback/all) with deterministic content. */
export function syntheticRows(count: number, options: { firstPort?: number; since?: number } = {}): Row[] {
  const firstPort = options.firstPort ?? 1024
  const since = options.since ?? Date.now()
  return Array.from({ length: count }, (_, i): Row => {
    const protocol: Protocol = i % 3 === 0 ? 'udp' : 'tcp'
    const family = i % 2 === 0 ? 4 : 6
    const exposure = i % 5 === 0 ? 'all' : 'loopback'
    const address = exposure === 'all' ? (family === 4 ? '0.0.0.0' : '::') : family === 4 ? '127.0.0.1' : '::1'
    const port = firstPort + (i % (65536 - firstPort))
    return {
      id: `${protocol}|${family}|${address}|${port}|${i}`,
      protocol,
      family,
      address,
      port,
      state: protocol === 'tcp' ? 'LISTEN' : 'UNCONN',
      pid: i % 17 === 0 ? null : 10_000 + i,
      process: i % 17 === 0 ? null : `synthetic-${i % 50}`,
      service: i % 4 === 0 ? `svc-${i % 97}` : null,
      description: null,
      range: port < 1024 ? 'system' : port < 49152 ? 'user' : 'dynamic',
      exposure,
      remoteAddress: null,
      remotePort: null,
      uid: 1000,
      ownerHidden: i % 17 === 0,
      since: since - i * 1000,
      container: null,
    }
  })
}
