import { createContext, useContext } from 'react'
import type { StoreApi } from 'zustand/vanilla'
import { useStore } from 'zustand'
import type { MonitorState } from './monitor-store'

export const MonitorContext = createContext<StoreApi<MonitorState> | null>(null)

export function useMonitor<T>(selector: (state: MonitorState) => T): T {
  const store = useContext(MonitorContext)
  if (!store) throw new Error('useMonitor needs a MonitorContext provider')
  return useStore(store, selector)
}
