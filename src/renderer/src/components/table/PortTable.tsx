import { flexRender, getCoreRowModel, getSortedRowModel, useReactTable, type Row as TableRow, type SortingState, type Updater } from '@tanstack/react-table'
import { useVirtualizer } from '@tanstack/react-virtual'
import { memo, useCallback, useEffect, useMemo, useRef, type KeyboardEvent, type ReactNode } from 'react'
import type { TrackedRow } from '../../store/row-model'
import { useViewStore } from '../../store/view-store'
import { columns } from './columns'
import { keyToMove, moveSelection } from './grid-keys'

export const ROW_HEIGHT = 28

export interface PortTableProps {
  rows: TrackedRow[]
  /** The seq of the data shown, as data-applied-seq (tests and benchmarks wait on it). */
  seq: number
  /** Shown instead of rows when there are none (first load, nothing listening, nothing matches). */
  emptyMessage: ReactNode
  onOpen(tracked: TrackedRow): void
}

const rowDomId = (index: number) => `port-row-${index}`

/** The listener table: sortable, virtualized (only visible rows are in the DOM), an ARIA grid. */
export function PortTable({ rows, seq, emptyMessage, onOpen }: PortTableProps) {
  const sorting = useViewStore((s) => s.sorting)
  const setSorting = useViewStore((s) => s.setSorting)
  const selectedId = useViewStore((s) => s.selectedId)
  const select = useViewStore((s) => s.select)

  const onSortingChange = useCallback(
    (updater: Updater<SortingState>) => setSorting(typeof updater === 'function' ? updater(useViewStore.getState().sorting) : updater),
    [setSorting],
  )
  const table = useReactTable({
    data: rows,
    columns,
    state: { sorting },
    onSortingChange,
    getRowId: (tracked) => tracked.row.id,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    enableSortingRemoval: false,
    sortDescFirst: false,
  })
  const sortedRows = table.getRowModel().rows
  const indexById = useMemo(() => new Map(sortedRows.map((row, index) => [row.id, index])), [sortedRows])
  const selectedIndex = selectedId === null ? -1 : (indexById.get(selectedId) ?? -1)

  const scrollRef = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count: sortedRows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  })

  const keyboardMoved = useRef(false)
  useEffect(() => {
    if (keyboardMoved.current && selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' })
    keyboardMoved.current = false
  }, [selectedIndex, virtualizer])

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    // Keys pressed on a header's sort button are that button's.
    if (event.target !== event.currentTarget) return
    if (event.key === 'Enter') {
      const row = sortedRows[selectedIndex]
      if (row) {
        event.preventDefault()
        onOpen(row.original)
      }
      return
    }
    const move = keyToMove(event.key)
    if (!move || sortedRows.length === 0) return
    event.preventDefault()
    const pageRows = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT) / ROW_HEIGHT) - 1)
    const next = moveSelection(selectedIndex, move, sortedRows.length, pageRows)
    keyboardMoved.current = true
    select(sortedRows[next].id)
  }

  const onRowClick = useCallback(
    (row: TableRow<TrackedRow>) => {
      select(row.id)
      onOpen(row.original)
    },
    [onOpen, select],
  )

  const headerGroup = table.getHeaderGroups()[0]
  return (
    <div
      className="port-grid"
      role="grid"
      aria-label="Listening sockets"
      aria-rowcount={sortedRows.length + 1}
      aria-colcount={columns.length}
      aria-activedescendant={selectedIndex >= 0 ? rowDomId(selectedIndex) : undefined}
      data-applied-seq={seq}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <div className="grid-head" role="rowgroup">
        <div className="grid-row grid-header-row" role="row" aria-rowindex={1}>
          {headerGroup.headers.map((header) => {
            const sorted = header.column.getIsSorted()
            return (
              <div
                key={header.id}
                className={`grid-cell col-${header.id}`}
                role="columnheader"
                aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
              >
                <button type="button" className="sort-button" onClick={header.column.getToggleSortingHandler()}>
                  {flexRender(header.column.columnDef.header, header.getContext())}
                  <span className="sort-mark" aria-hidden="true">
                    {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : ''}
                  </span>
                </button>
              </div>
            )
          })}
        </div>
      </div>
      <div className="grid-body" role="rowgroup" ref={scrollRef}>
        {sortedRows.length === 0 ? (
          <div className="grid-empty" role="status">
            {emptyMessage}
          </div>
        ) : (
          <div className="grid-canvas" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((item) => {
              const row = sortedRows[item.index]
              return (
                <GridRow
                  key={row.id}
                  row={row}
                  tracked={row.original}
                  index={item.index}
                  top={item.start}
                  selected={item.index === selectedIndex}
                  onClick={onRowClick}
                />
              )
            })}
          </div>
        )}
      </div>
    </div>
  )
}

interface GridRowProps {
  row: TableRow<TrackedRow>
  /** Passed separately so memo sees a new value when the row's data or mark changes. */
  tracked: TrackedRow
  index: number
  top: number
  selected: boolean
  onClick(row: TableRow<TrackedRow>): void
}

const GridRow = memo(function GridRow({ row, tracked, index, top, selected, onClick }: GridRowProps) {
  return (
    <div
      id={rowDomId(index)}
      className={`grid-row${selected ? ' selected' : ''}${tracked.change ? ` change-${tracked.change}` : ''}`}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      data-change={tracked.change ?? undefined}
      data-port={tracked.row.port}
      data-protocol={tracked.row.protocol}
      style={{ transform: `translateY(${top}px)` }}
      onClick={() => onClick(row)}
    >
      {row.getVisibleCells().map((cell) => (
        <div key={cell.id} className={`grid-cell col-${cell.column.id}`} role="gridcell">
          {flexRender(cell.column.columnDef.cell, cell.getContext())}
        </div>
      ))}
    </div>
  )
})
