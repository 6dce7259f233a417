import { useMemo, useRef } from 'react'
import type { TrackedRow } from '../../store/row-model'
import { updateSortedRows, type SortedRows, type SortingState } from '../../store/row-sort'

/** `rows` sorted, updated from the previous render's result so a delta sorts only the rows it touched. */
export function useSortedRows(rows: readonly TrackedRow[], sorting: SortingState): readonly TrackedRow[] {
  const previous = useRef<SortedRows | null>(null)
  return useMemo(() => {
    // updateSortedRows never mutates `previous`, so a repeated call (StrictMode) gives the same order.
    previous.current = updateSortedRows(previous.current, rows, sorting)
    return previous.current.rows
  }, [rows, sorting])
}
