import { useContext } from 'react'
import { useStore } from 'zustand'
import { createStore } from 'zustand/vanilla'
import type { Protocol, Row } from '../../../../shared/row'
import { MonitorContext } from '../../store/monitor-context'
import type { MonitorState } from '../../store/monitor-store'

/**
 * What of the live table matters to one port's story: its rows' ids, owners, states and exposure, as one
 * string. It changes exactly when a holder appears, leaves or changes, so the panel refetches then and only then.
 */
export function liveKeyOf(rows: Iterable<Row>, port: number, protocol: Protocol | null): string {
  const parts: string[] = []
  for (const row of rows) {
    if (row.port !== port || (protocol !== null && row.protocol !== protocol)) continue
    parts.push(`${row.id}\u0001${row.pid}\u0001${row.process}\u0001${row.state}\u0001${row.exposure}\u0001${row.container?.name ?? ''}`)
  }
  return parts.sort().join('\u0002')
}

function* liveRows(state: MonitorState): Iterable<Row> {
  for (const tracked of state.table.byId.values()) if (tracked.change !== 'removed') yield tracked.row
}

const NO_MONITOR = createStore<MonitorState | null>()(() => null)

/** The live key for a port from the monitor store the page already keeps (none outside a provider). */
export function useLiveKey(port: number, protocol: Protocol | null): string {
  const store = useContext(MonitorContext)
  return useStore(store ?? NO_MONITOR, (state) => (state ? liveKeyOf(liveRows(state), port, protocol) : ''))
}
