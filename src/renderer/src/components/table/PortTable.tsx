import { useVirtualizer } from '@tanstack/react-virtual'
import { memo, useCallback, useEffect, useMemo, useRef, type CSSProperties, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react'
import type { TrackedRow } from '../../store/row-model'
import { nextSorting } from '../../store/row-sort'
import { useSettingsStore } from '../../store/settings-store'
import { useViewStore } from '../../store/view-store'
import type { VisibleRows } from '../../store/visible-rows'
import type { TableColumn } from './columns'
import { layoutColumns, minGridWidth, trackOf, type LaidOutColumn } from './column-layout'
import { rowTooltip } from '../../lib/row-text'
import { useMonitor } from '../../store/monitor-context'
import { keyToMove, moveSelection } from './grid-keys'

const ROW_HEIGHT = 28

export interface PortTableProps {
  /** The rows to list, filtered and sorted (store/visible-rows.ts). */
  visible: VisibleRows
  /** The seq of the data shown, as data-applied-seq (tests and benchmarks wait on it). */
  seq: number
  /** Shown instead of rows when there are none (first load, nothing listening, nothing matches). */
  emptyMessage: ReactNode
  onOpen(tracked: TrackedRow): void
}

const rowDomId = (index: number) => `port-row-${index}`

/** The grid's column tracks for the columns shown (custom properties the stylesheet reads). */
function gridStyle(columns: readonly LaidOutColumn[]): CSSProperties {
  return { '--grid-columns': columns.map(trackOf).join(' '), '--grid-min-width': `${minGridWidth(columns)}px` } as CSSProperties
}

/**
 * The listener table: sortable, virtualized (only visible rows are in the DOM, via TanStack Virtual), an
 * ARIA grid. It draws the page's pipeline (store/visible-rows.ts: filter, then row-sort.ts's incremental
 * sort); rows are memoized by their TrackedRow object, so a delta re-renders only the visible rows it
 * touched or moved.
 */
export function PortTable({ visible, seq, emptyMessage, onOpen }: PortTableProps) {
  const sorting = useViewStore((s) => s.sorting)
  const setSorting = useViewStore((s) => s.setSorting)
  const selectedId = useViewStore((s) => s.selectedId)
  const select = useViewStore((s) => s.select)
  const revealId = useViewStore((s) => s.revealId)
  const revealed = useViewStore((s) => s.revealed)
  const settings = useSettingsStore((s) => s.settings)
  const containersKnown = useMonitor((s) => s.status?.containerEngine === true)
  const laidOut = useMemo(
    () => layoutColumns({ visibleColumns: settings?.visibleColumns, columnOrder: settings?.columnOrder, columnWidths: settings?.columnWidths, view: settings?.view ?? 'listeners', containersKnown }),
    [settings?.visibleColumns, settings?.columnOrder, settings?.columnWidths, settings?.view, containersKnown],
  )
  const columns = useMemo(() => laidOut.map((laid) => laid.column), [laidOut])
  const style = useMemo(() => gridStyle(laidOut), [laidOut])

  const { rows } = visible
  const selectedIndex = selectedId === null ? -1 : visible.indexOf(selectedId)

  const gridRef = useRef<HTMLDivElement>(null)
  const scrollRef = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  })

  const keyboardMoved = useRef(false)
  useEffect(() => {
    if (keyboardMoved.current && selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' })
    keyboardMoved.current = false
  }, [selectedIndex, virtualizer])

  // A row revealed from outside the grid (an alert was clicked): centre it, focus the grid, done.
  useEffect(() => {
    if (revealId === null) return
    const index = visible.indexOf(revealId)
    if (index >= 0) {
      virtualizer.scrollToIndex(index, { align: 'center' })
      gridRef.current?.focus()
    }
    revealed()
  }, [revealId, visible, virtualizer, revealed])

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    // Keys pressed on a header's sort button are that button's.
    if (event.target !== event.currentTarget) return
    if (event.key === 'Enter') {
      const tracked = rows[selectedIndex]
      if (tracked) {
        event.preventDefault()
        onOpen(tracked)
      }
      return
    }
    const move = keyToMove(event.key)
    if (!move || rows.length === 0) return
    event.preventDefault()
    const pageRows = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT) / ROW_HEIGHT) - 1)
    const next = moveSelection(selectedIndex, move, rows.length, pageRows)
    keyboardMoved.current = true
    select(rows[next].row.id)
  }

  const onRowClick = useCallback(
    (tracked: TrackedRow) => {
      select(tracked.row.id)
      onOpen(tracked)
    },
    [onOpen, select],
  )
  const onHeaderClick = (column: TableColumn, event: MouseEvent) =>
    setSorting(nextSorting(useViewStore.getState().sorting, column.id, event.shiftKey))

  return (
    <div
      ref={gridRef}
      className="port-grid"
      style={style}
      role="grid"
      aria-label="Listening sockets"
      aria-rowcount={rows.length + 1}
      aria-colcount={columns.length}
      aria-activedescendant={selectedIndex >= 0 ? rowDomId(selectedIndex) : undefined}
      data-applied-seq={seq}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <div className="grid-head" role="rowgroup">
        <div className="grid-row grid-header-row" role="row" aria-rowindex={1}>
          {columns.map((column) => {
            const sorted = sorting.find((sort) => sort.id === column.id)
            return (
              <div
                key={column.id}
                className={`grid-cell col-${column.id}`}
                role="columnheader"
                aria-sort={sorted ? (sorted.desc ? 'descending' : 'ascending') : 'none'}
              >
                <button type="button" className="sort-button" onClick={(event) => onHeaderClick(column, event)}>
                  {column.header}
                  <span className="sort-mark" aria-hidden="true">
                    {sorted ? (sorted.desc ? '▼' : '▲') : ''}
                  </span>
                </button>
              </div>
            )
          })}
        </div>
      </div>
      <div className="grid-body" role="rowgroup" ref={scrollRef}>
        {rows.length === 0 ? (
          <div className="grid-empty" role="status">
            {emptyMessage}
          </div>
        ) : (
          <div className="grid-canvas" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((item) => {
              const tracked = rows[item.index]
              return (
                <GridRow
                  key={tracked.row.id}
                  tracked={tracked}
                  columns={columns}
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
  /** A new object whenever the row's data or mark changes, so memo re-renders exactly then. */
  tracked: TrackedRow
  columns: readonly TableColumn[]
  index: number
  top: number
  selected: boolean
  onClick(tracked: TrackedRow): void
}

const GridRow = memo(function GridRow({ tracked, columns, index, top, selected, onClick }: GridRowProps) {
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
      title={rowTooltip(tracked.row)}
      onClick={() => onClick(tracked)}
    >
      <GridCells tracked={tracked} columns={columns} />
    </div>
  )
})

/**
 * A row's cells, memoized apart from the row: rows above the viewport coming or going shift every
 * visible row's index and offset, which then re-renders only the row element, not its cells.
 */
const GridCells = memo(function GridCells({ tracked, columns }: { tracked: TrackedRow; columns: readonly TableColumn[] }) {
  return columns.map((column) => (
    <div key={column.id} className={`grid-cell col-${column.id}`} role="gridcell">
      {column.cell(tracked)}
    </div>
  ))
})
