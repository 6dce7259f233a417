import { createStore, type StoreApi } from 'zustand/vanilla'
import type { PortolanApi } from '../../../shared/ipc'
import type { Delta, MonitorStatus } from '../../../shared/row'
import { errorText } from '../lib/error-text'
import { EMPTY_TABLE, applyDelta, fromSnapshot, nextExpiry, sweep, type RowTable } from './row-model'

export type LoadPhase = 'loading' | 'ready' | 'failed'

export interface MonitorState {
  phase: LoadPhase
  /** Why the last snapshot could not be taken (the store retries). */
  loadError: string | null
  table: RowTable
  status: MonitorStatus | null
  /** How many times a gap in seq forced a fresh snapshot. */
  resyncs: number
}

export type MonitorApi = Pick<PortolanApi, 'snapshot' | 'onDelta' | 'onStatus'>

export interface MonitorStoreOptions {
  now?: () => number
  /** Wait before taking a snapshot again after a failed one. */
  retryMs?: number
}

export interface MonitorStore {
  store: StoreApi<MonitorState>
  /** Subscribes, then takes the snapshot (the contract's order); returns the disconnect. */
  connect(): () => void
}

/**
 * A sweep also clears marks due within this many ms: marks from deltas a few hundred ms apart then
 * go in one store update (and one table render) instead of one each. A mark may end that much early.
 */
export const SWEEP_BATCH_MS = 200

const initialState: MonitorState = { phase: 'loading', loadError: null, table: EMPTY_TABLE, status: null, resyncs: 0 }

export function createMonitorStore(api: MonitorApi, options: MonitorStoreOptions = {}): MonitorStore {
  const now = options.now ?? Date.now
  const retryMs = options.retryMs ?? 2000
  const store = createStore<MonitorState>()(() => initialState)

  const connect = () => {
    let connected = true
    /** Deltas that arrive while a snapshot is in flight wait here; null when no snapshot is in flight. */
    let pending: Delta[] | null = null
    let generation = 0
    let sweepTimer: ReturnType<typeof setTimeout> | null = null
    let retryTimer: ReturnType<typeof setTimeout> | null = null

    const setTable = (table: RowTable, extra: Partial<MonitorState> = {}) => {
      store.setState({ table, ...extra })
      scheduleSweep(table)
    }

    const scheduleSweep = (table: RowTable) => {
      if (sweepTimer !== null) clearTimeout(sweepTimer)
      sweepTimer = null
      const at = nextExpiry(table)
      if (at === null || !connected) return
      sweepTimer = setTimeout(() => {
        sweepTimer = null
        const current = store.getState().table
        const swept = sweep(current, now() + SWEEP_BATCH_MS)
        if (swept !== current) setTable(swept)
        else scheduleSweep(current)
      }, Math.max(0, at - now()) + 1)
    }

    const handleDelta = (delta: Delta) => {
      if (pending) {
        pending.push(delta)
        return
      }
      const outcome = applyDelta(store.getState().table, delta, now())
      if (outcome.kind === 'applied') setTable(outcome.table)
      else if (outcome.kind === 'gap') resync(true)
    }

    const resync = (afterGap: boolean) => {
      const mine = ++generation
      pending = []
      if (afterGap) store.setState((state) => ({ resyncs: state.resyncs + 1 }))
      api.snapshot().then(
        (snapshot) => {
          if (!connected || mine !== generation) return
          const before = store.getState()
          const previous = before.phase === 'ready' ? before.table : undefined
          const buffered = pending ?? []
          pending = null
          setTable(fromSnapshot(snapshot, now(), previous), { phase: 'ready', loadError: null, status: snapshot.status })
          for (const delta of buffered) handleDelta(delta)
        },
        (error: unknown) => {
          if (!connected || mine !== generation) return
          store.setState({ phase: store.getState().phase === 'ready' ? 'ready' : 'failed', loadError: errorText(error) })
          retryTimer = setTimeout(() => resync(false), retryMs)
        },
      )
    }

    const offDelta = api.onDelta(handleDelta)
    const offStatus = api.onStatus((status) => store.setState({ status }))
    resync(false)

    return () => {
      connected = false
      offDelta()
      offStatus()
      if (sweepTimer !== null) clearTimeout(sweepTimer)
      if (retryTimer !== null) clearTimeout(retryTimer)
    }
  }

  return { store, connect }
}
