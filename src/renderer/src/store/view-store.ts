import { create } from 'zustand'
import type { Family, Protocol } from '../../../shared/row'
import { DEFAULT_FILTER, type RowFilter } from './row-filter'
import type { SortingState } from './row-sort'

export interface StoryTarget {
  port: number
  protocol: Protocol | null
}

export interface ViewState {
  filter: RowFilter
  sorting: SortingState
  /** Row id, stable across sorting and filtering. */
  selectedId: string | null
  story: StoryTarget | null
  setFilterText(text: string): void
  toggleProtocol(protocol: Protocol): void
  toggleFamily(family: Family): void
  setExposedOnly(exposedOnly: boolean): void
  setSorting(sorting: SortingState): void
  select(id: string | null): void
  openStory(target: StoryTarget): void
  closeStory(): void
}

function toggled<T>(set: ReadonlySet<T>, value: T): Set<T> {
  const next = new Set(set)
  if (next.has(value)) next.delete(value)
  else next.add(value)
  return next
}

export const useViewStore = create<ViewState>()((set) => ({
  filter: DEFAULT_FILTER,
  sorting: [{ id: 'port', desc: false }],
  selectedId: null,
  story: null,
  setFilterText: (text) => set((s) => ({ filter: { ...s.filter, text } })),
  toggleProtocol: (protocol) => set((s) => ({ filter: { ...s.filter, protocols: toggled(s.filter.protocols, protocol) } })),
  toggleFamily: (family) => set((s) => ({ filter: { ...s.filter, families: toggled(s.filter.families, family) } })),
  setExposedOnly: (exposedOnly) => set((s) => ({ filter: { ...s.filter, exposedOnly } })),
  setSorting: (sorting) => set({ sorting }),
  select: (selectedId) => set({ selectedId }),
  openStory: (story) => set({ story }),
  closeStory: () => set({ story: null }),
}))
