import { create } from 'zustand'
import type { Family, Protocol, Row } from '../../../shared/row'
import { DEFAULT_FILTER, familyKey, rowMatcher, type RowFilter } from './row-filter'
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
  /** A row the table should scroll into view once (an alert or notification was clicked); it clears this when done. */
  revealId: string | null
  story: StoryTarget | null
  setFilterText(text: string): void
  toggleProtocol(protocol: Protocol): void
  toggleFamily(family: Family): void
  setExposedOnly(exposedOnly: boolean): void
  /** Every switch on and no text: what "Clear filters" does. */
  clearFilter(): void
  setSorting(sorting: SortingState): void
  select(id: string | null): void
  /** Selects the row and asks the table to bring it into view; a filter that hides it is reset first. */
  reveal(row: Row): void
  /** The table has scrolled to the revealed row (or it was not there to scroll to). */
  revealed(): void
  openStory(target: StoryTarget): void
  closeStory(): void
}

export const useViewStore = create<ViewState>()((set) => ({
  filter: DEFAULT_FILTER,
  sorting: [{ id: 'port', desc: false }],
  selectedId: null,
  revealId: null,
  story: null,
  setFilterText: (text) => set((s) => ({ filter: { ...s.filter, text } })),
  toggleProtocol: (protocol) => set((s) => ({ filter: { ...s.filter, [protocol]: !s.filter[protocol] } })),
  toggleFamily: (family) => set((s) => ({ filter: { ...s.filter, [familyKey(family)]: !s.filter[familyKey(family)] } })),
  setExposedOnly: (exposedOnly) => set((s) => ({ filter: { ...s.filter, exposedOnly } })),
  clearFilter: () => set({ filter: DEFAULT_FILTER }),
  setSorting: (sorting) => set({ sorting }),
  select: (selectedId) => set({ selectedId }),
  reveal: (row) =>
    set((s) => ({ filter: rowMatcher(s.filter)(row) ? s.filter : DEFAULT_FILTER, selectedId: row.id, revealId: row.id })),
  revealed: () => set({ revealId: null }),
  openStory: (story) => set({ story }),
  closeStory: () => set({ story: null }),
}))
