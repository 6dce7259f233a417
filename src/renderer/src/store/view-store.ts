import { create } from 'zustand'
import type { Family, Protocol, Row } from '../../../shared/row'
import { DEFAULT_FILTER, familyKey, rowMatcher, type RowFilter } from './row-filter'
import type { SortingState } from './row-sort'
import { EMPTY_SELECTION, all, only, pick, type PickModifiers, type Selection } from './selection'

export interface StoryTarget {
  port: number
  protocol: Protocol | null
}

export interface ViewState {
  filter: RowFilter
  sorting: SortingState
  /** The cursor row's id (stable across sorting and filtering): Enter opens it, the story follows it. */
  selectedId: string | null
  /** Every selected row (Shift/Ctrl/Cmd), the cursor's included. */
  selection: Selection
  /** A row the table should scroll into view once (an alert or notification was clicked); it clears this when done. */
  revealId: string | null
  story: StoryTarget | null
  setFilterText: (text: string) => void
  toggleProtocol: (protocol: Protocol) => void
  toggleFamily: (family: Family) => void
  setExposedOnly: (exposedOnly: boolean) => void
  /** Every switch on and no text: what "Clear filters" does. */
  clearFilter: () => void
  setSorting: (sorting: SortingState) => void
  select: (id: string | null) => void
  /** A click on a row with modifiers; `order` is the table's row ids as shown. */
  pickRow: (id: string, modifiers: PickModifiers, order: readonly string[], indexOf: (id: string) => number) => void
  selectAll: (order: readonly string[]) => void
  /** Selects the row and asks the table to bring it into view; a filter that hides it is reset first. */
  reveal: (row: Row) => void
  /** The table has scrolled to the revealed row (or it was not there to scroll to). */
  revealed: () => void
  openStory: (target: StoryTarget) => void
  closeStory: () => void
}

export const useViewStore = create<ViewState>()((set) => ({
  filter: DEFAULT_FILTER,
  sorting: [{ id: 'port', desc: false }],
  selectedId: null,
  selection: EMPTY_SELECTION,
  revealId: null,
  story: null,
  setFilterText: (text) => set((s) => ({ filter: { ...s.filter, text } })),
  toggleProtocol: (protocol) => set((s) => ({ filter: { ...s.filter, [protocol]: !s.filter[protocol] } })),
  toggleFamily: (family) => set((s) => ({ filter: { ...s.filter, [familyKey(family)]: !s.filter[familyKey(family)] } })),
  setExposedOnly: (exposedOnly) => set((s) => ({ filter: { ...s.filter, exposedOnly } })),
  clearFilter: () => set({ filter: DEFAULT_FILTER }),
  setSorting: (sorting) => set({ sorting }),
  select: (selectedId) => set({ selectedId, selection: only(selectedId) }),
  pickRow: (id, modifiers, order, indexOf) =>
    set((s) => {
      const selection = pick(s.selection, id, modifiers, order, indexOf)
      return { selection, selectedId: selection.cursor }
    }),
  selectAll: (order) =>
    set((s) => {
      const selection = all(order, s.selectedId)
      return { selection, selectedId: selection.cursor }
    }),
  reveal: (row) =>
    set((s) => ({ filter: rowMatcher(s.filter)(row) ? s.filter : DEFAULT_FILTER, selectedId: row.id, selection: only(row.id), revealId: row.id })),
  revealed: () => set({ revealId: null }),
  openStory: (story) => set({ story }),
  closeStory: () => set({ story: null }),
}))
