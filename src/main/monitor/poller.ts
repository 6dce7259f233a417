import type { Delta, MonitorStatus, Protocol, Row, Snapshot } from '../../shared/row'
import { POLL_INTERVAL_MAX_MS, POLL_INTERVAL_MIN_MS } from '../../shared/validate'
import type { ServiceLookup } from '../registry/lookup'
import { errorText } from '../../shared/error-text'
import { UNCHANGED, type Collector, type SocketRecord } from './collector'
import type { ContainerSource } from './containers/source'
import { RowDiffer, type HistoryOf } from './diff'
import { checkRecords } from './records'
import { toRows, type RowDraft } from './rows'
import { ActivityRows } from './activity-rows'

export interface PollerOptions {
  collector: Collector
  registry: ServiceLookup
  intervalMs?: number
  /** A collection that takes longer is abandoned (its signal aborted) and counts as a failure. */
  timeoutMs?: number
  /** Longest wait between retries while collections keep failing. */
  maxBackoffMs?: number
  includeConnections?: boolean
  /** Measure connection counts, accept queues, bytes and RTT per row, where the collector can. */
  activity?: boolean
  privileged?: boolean
  /** Names the containers behind published ports (Docker); without it every row's container is null. */
  containers?: ContainerSource
  /** What the persisted history knows about a listener from earlier runs (first seen; which pid held it since when). */
  history?: HistoryOf
  /** The user's label for a port (joined like the registry's name; call invalidate() after a change). */
  labelOf?: (port: number, protocol: Protocol) => string | null
  now?: () => number
}

/** What one poll did. */
export type PollResult =
  /** `delta` is null when nothing changed. */
  | { ok: true; startedAt: number; delta: Delta | null }
  /** The last good rows stay; `error` is the status line's reason. */
  | { ok: false; startedAt: number; error: string }

type Listener<T> = (value: T) => void

export const DEFAULT_INTERVAL_MS = 1000

export function clampInterval(ms: number): number {
  if (!Number.isFinite(ms)) return DEFAULT_INTERVAL_MS
  return Math.min(POLL_INTERVAL_MAX_MS, Math.max(POLL_INTERVAL_MIN_MS, Math.round(ms)))
}

class TimeoutError extends Error {}

/** Wait before retry number `failures`: the interval doubled per failure, capped (never below the interval). */
export function backoffDelay(failures: number, intervalMs: number, maxMs: number): number {
  return Math.min(Math.max(maxMs, intervalMs), intervalMs * 2 ** Math.min(failures, 16))
}

/**
 * Polls a collector on a timer, one collection at a time: the next one is scheduled only when the
 * previous one has finished, so they never overlap and never queue up. A failed, hung or garbled
 * collection keeps the last good rows, marks the status stale, and retries with exponential backoff.
 */
export class Poller {
  private readonly collector: Collector
  private readonly registry: ServiceLookup
  private readonly differ: RowDiffer
  private readonly deltaListeners = new Set<Listener<Delta>>()
  private readonly statusListeners = new Set<Listener<MonitorStatus>>()
  private readonly now: () => number
  private readonly timeoutMs: number | null
  private readonly maxBackoffMs: number
  private includeConnections: boolean
  private hostOf: ((address: string) => string | null) | null = null
  private readonly activity: ActivityRows | null
  /** The rows built from the last records, before activity is joined to them. */
  private baseRows: RowDraft[] = []
  /** The activity samples the current rows were built from. */
  private lastActivity: unknown = null
  /** Whether this process itself sees every owner; a collector may see more (see Collector.privileged). */
  private readonly ownPrivileged: boolean
  private readonly containers: ContainerSource | null
  private readonly labelOf: ((port: number, protocol: Protocol) => string | null) | null
  /** The collector's last answer and the container lookup the current rows were built from. */
  private lastRecords: SocketRecord[] | null = null
  private lastContainerOf: unknown = undefined
  /** Set by invalidate(): the next poll rebuilds the rows even if nothing it reads changed. */
  private rowsStale = false
  private rowStats: Pick<MonitorStatus, 'rowCount' | 'hiddenOwners' | 'connectionCount'> = { rowCount: 0, hiddenOwners: 0, connectionCount: 0 }
  private timer: NodeJS.Timeout | null = null
  private inFlight: Promise<PollResult> | null = null
  private running = false
  private statusValue: MonitorStatus

  constructor(options: PollerOptions) {
    this.collector = options.collector
    this.registry = options.registry
    this.now = options.now ?? Date.now
    this.timeoutMs = options.timeoutMs ?? null
    this.maxBackoffMs = options.maxBackoffMs ?? 30_000
    this.includeConnections = options.includeConnections ?? false
    this.activity = options.activity ? new ActivityRows() : null
    this.ownPrivileged = options.privileged ?? false
    this.containers = options.containers ?? null
    this.labelOf = options.labelOf ?? null
    this.differ = new RowDiffer(options.history)
    this.statusValue = {
      state: 'starting',
      collector: options.collector.name,
      collectorNote: options.collector.note ?? null,
      intervalMs: clampInterval(options.intervalMs ?? DEFAULT_INTERVAL_MS),
      lastPollAt: null,
      lastPollMs: null,
      error: null,
      consecutiveFailures: 0,
      nextPollAt: null,
      rowCount: 0,
      hiddenOwners: 0,
      privileged: options.collector.privileged ?? this.ownPrivileged,
    }
  }

  get status(): MonitorStatus {
    return this.statusValue
  }

  rows(): Row[] {
    return this.differ.current()
  }

  row(id: string): Row | undefined {
    return this.differ.get(id)
  }

  snapshot(): Snapshot {
    return { seq: this.differ.seq, rows: this.differ.current(), status: this.statusValue }
  }

  onDelta(listener: Listener<Delta>): () => void {
    this.deltaListeners.add(listener)
    return () => this.deltaListeners.delete(listener)
  }

  onStatus(listener: Listener<MonitorStatus>): () => void {
    this.statusListeners.add(listener)
    return () => this.statusListeners.delete(listener)
  }

  start(): void {
    if (this.running) return
    this.running = true
    this.schedule(0)
  }

  /** Stops the timer; a collection in flight finishes but schedules nothing. */
  stop(): void {
    this.running = false
    this.clearTimer()
  }

  /** Stops polling and says so in the status; rows stay as they were. */
  pause(): void {
    this.stop()
    this.setStatus({ state: 'paused', nextPollAt: null })
  }

  resume(): void {
    if (this.running) return
    this.setStatus({ state: this.statusValue.lastPollAt === null ? 'starting' : 'ok' })
    this.start()
  }

  setIntervalMs(ms: number): void {
    const intervalMs = clampInterval(ms)
    if (intervalMs === this.statusValue.intervalMs) return
    this.setStatus({ intervalMs })
    if (this.running && !this.inFlight && this.statusValue.consecutiveFailures === 0) this.schedule(intervalMs)
  }

  /** Collects now unless a collection is already running, in which case it answers with that one's result. */
  pollNow(): Promise<PollResult> {
    if (this.inFlight) return this.inFlight
    this.clearTimer()
    this.inFlight = this.pollOnce().finally(() => {
      this.inFlight = null
      if (this.running) this.schedule(this.nextDelay())
    })
    return this.inFlight
  }

  /** Collects established and other non-listening sockets too (the Connections view), or stops; applies from the next poll. */
  setIncludeConnections(include: boolean): void {
    if (include === this.includeConnections) return
    this.includeConnections = include
    this.invalidate()
    if (this.running) void this.pollNow()
  }

  get collectsConnections(): boolean {
    return this.includeConnections
  }

  /** Names remote addresses with this lookup (reverse DNS, cached; it must answer at once); null: none. */
  setHostLookup(hostOf: ((address: string) => string | null) | null): void {
    this.hostOf = hostOf
    this.invalidate()
  }

  /** Forgets what the current rows were built from, so the next poll rebuilds them (e.g. a new registry). */
  invalidate(): void {
    this.rowsStale = true
  }

  async close(): Promise<void> {
    this.stop()
    await this.inFlight
    await this.collector.close?.()
  }

  private async pollOnce(): Promise<PollResult> {
    const started = this.now()
    const controller = new AbortController()
    try {
      const collection = await this.withTimeout(
        this.collector.collect({
          includeConnections: this.includeConnections,
          activity: this.activity !== null,
          signal: controller.signal,
          lastKept: this.lastRecords !== null,
        }),
        controller,
      )
      const containerOf = await this.containers?.current()
      const activity = this.activity ? (this.collector.activity?.() ?? null) : null
      const sameRecords = collection === UNCHANGED && containerOf === this.lastContainerOf && !this.rowsStale && this.lastRecords !== null
      let delta: Delta | null = null
      if (!sameRecords || activity !== this.lastActivity || this.activity?.moving === true) {
        const records = collection === UNCHANGED ? this.keptRecords() : checkRecords(collection, this.collector.name)
        const rows = sameRecords ? this.baseRows : toRows(records, {
          registry: this.registry,
          privileged: this.collector.privileged ?? this.ownPrivileged,
          ownerOf: (pid) => this.collector.processDetails?.(pid),
          labelOf: this.labelOf ?? undefined,
          countConnections: this.includeConnections,
          hostOf: this.includeConnections ? (this.hostOf ?? undefined) : undefined,
          containerOf,
          provenanceOf: (pid) => this.collector.provenanceOf?.(pid),
          containerById: this.containers?.containerById ? (id) => this.containers?.containerById?.(id) ?? null : undefined,
        })
        this.baseRows = rows
        delta = this.differ.update(this.activity ? this.activity.apply(rows, activity) : rows, started)
        this.lastRecords = records
        this.lastContainerOf = containerOf
        this.lastActivity = activity
        this.rowsStale = false
        const connections = rows.reduce((n, row) => n + (row.remotePort === null ? 0 : 1), 0)
        this.rowStats = { rowCount: rows.length - connections, connectionCount: connections, hiddenOwners: rows.reduce((n, row) => n + (row.ownerHidden ? 1 : 0), 0) }
      }
      const finished = this.now()
      this.setStatus({
        ...this.collectorIdentity(),
        state: this.statusValue.state === 'paused' ? 'paused' : 'ok',
        lastPollAt: finished,
        lastPollMs: finished - started,
        error: null,
        consecutiveFailures: 0,
        nextPollAt: this.running ? finished + this.statusValue.intervalMs : null,
        containerEngine: this.containers?.reachable === true,
        ...this.rowStats,
      })
      if (delta) emit(this.deltaListeners, delta)
      return { ok: true, startedAt: started, delta }
    } catch (error) {
      // The collector's last answer may not be the one the rows came from: ask for its records next time.
      this.lastRecords = null
      const failures = this.statusValue.consecutiveFailures + 1
      const message = error instanceof TimeoutError ? error.message : `${this.collector.name} failed: ${errorText(error)}`
      this.setStatus({
        ...this.collectorIdentity(),
        state: this.statusValue.state === 'paused' ? 'paused' : 'stale',
        error: message,
        consecutiveFailures: failures,
        nextPollAt: this.running ? this.now() + this.backoffDelay(failures) : null,
      })
      return { ok: false, startedAt: started, error: message }
    }
  }

  /** The records an UNCHANGED answer stands for. */
  private keptRecords(): SocketRecord[] {
    if (this.lastRecords === null) throw new Error(`${this.collector.name} answered "unchanged" to a collection that asked for its records`)
    return this.lastRecords
  }

  /** A collector that can change at run time (a fallback, the elevated helper) exposes its current note and reach. */
  private collectorIdentity(): Pick<MonitorStatus, 'collector' | 'collectorNote' | 'privileged'> {
    return {
      collector: this.collector.name,
      collectorNote: this.collector.note ?? null,
      privileged: this.collector.privileged ?? this.ownPrivileged,
    }
  }

  private withTimeout<T>(work: Promise<T>, controller: AbortController): Promise<T> {
    const timeoutMs = this.timeoutMs ?? Math.max(5000, 3 * this.statusValue.intervalMs)
    let timer: ReturnType<typeof setTimeout> | undefined
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        controller.abort(new Error('timeout'))
        reject(new TimeoutError(`${this.collector.name} did not answer within ${timeoutMs} ms`))
      }, timeoutMs)
    })
    // The work's own answer or failure, unchanged, unless the timeout comes first.
    return Promise.race([work, timeout]).finally(() => clearTimeout(timer))
  }

  private backoffDelay(failures: number): number {
    return backoffDelay(failures, this.statusValue.intervalMs, this.maxBackoffMs)
  }

  private nextDelay(): number {
    const failures = this.statusValue.consecutiveFailures
    return failures > 0 ? this.backoffDelay(failures) : this.statusValue.intervalMs
  }

  private schedule(delay: number): void {
    this.clearTimer()
    this.timer = setTimeout(() => {
      this.timer = null
      void this.pollNow()
    }, delay)
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }

  private setStatus(patch: Partial<MonitorStatus>): void {
    this.statusValue = { ...this.statusValue, ...patch }
    emit(this.statusListeners, this.statusValue)
  }
}

/** A listener that throws is reported, and never breaks polling or the other listeners. */
function emit<T>(listeners: Set<Listener<T>>, value: T): void {
  for (const listener of listeners) {
    try {
      listener(value)
    } catch (error) {
      console.error('portolan: a monitor listener failed:', error)
    }
  }
}

