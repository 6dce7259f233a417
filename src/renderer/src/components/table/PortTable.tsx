import { useVirtualizer } from '@tanstack/react-virtual'
import { memo, useCallback, useEffect, useMemo, useRef, type CSSProperties, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react'
import type { ColumnId } from '../../../../shared/settings'
import { rowTooltip } from '../../lib/row-text'
import { useMonitor } from '../../store/monitor-context'
import type { TrackedRow } from '../../store/row-model'
import { nextSorting } from '../../store/row-sort'
import { useSettingsStore } from '../../store/settings-store'
import { useViewStore } from '../../store/view-store'
import type { VisibleRows } from '../../store/visible-rows'
import { ColumnHeader, useColumnLayout } from './ColumnHeader'
import type { LaidOutColumn } from './column-layout'
import { minGridWidth, trackOf } from './column-layout'
import type { TableColumn } from './columns'
import { keyToMove, moveSelection } from './grid-keys'

const ROW_HEIGHT = 28

/** What the grid asks of the page: the actions live there (store/action-store.ts, lib/run-row-action.ts). */
export interface GridCommands {
  /** Enter or double-click on a row. */
  open(tracked: TrackedRow): void
  /** Delete: the stop dialog for the selection. */
  stop(): void
  /** Ctrl/Cmd+C: the selected rows as tab-separated text. */
  copy(): void
  /** Right-click, the context-menu key or Shift+F10, at viewport px. */
  menu(x: number, y: number): void
}

export interface PortTableProps {
  /** The rows to list, filtered and sorted (store/visible-rows.ts). */
  visible: VisibleRows
  /** The seq of the data shown, as data-applied-seq (tests and benchmarks wait on it). */
  seq: number
  /** Shown instead of rows when there are none (first load, nothing listening, nothing matches). */
  emptyMessage: ReactNode
  /** The grid's accessible name ("Listening sockets", "Connections"). */
  label: string
  commands: GridCommands
}

const rowDomId = (index: number) => `port-row-${index}`

/** The grid's column tracks (custom properties the stylesheet reads). */
function gridStyle(columns: readonly LaidOutColumn[]): CSSProperties {
  return { '--grid-columns': columns.map(trackOf).join(' '), '--grid-min-width': `${minGridWidth(columns)}px` } as CSSProperties
}

const isMac = () => /mac/i.test(navigator.platform)

/**
 * The socket table: sortable, virtualized (only visible rows are in the DOM, via TanStack Virtual), an ARIA
 * multi-select grid. It draws the page's pipeline (store/visible-rows.ts); rows are memoized by their
 * TrackedRow object, so a delta re-renders only the visible rows it touched or moved. A click selects
 * (Shift: a range, Ctrl/Cmd: one more); Enter or a double-click opens the story.
 */
export function PortTable({ visible, seq, emptyMessage, label, commands }: PortTableProps) {
  const sorting = useViewStore((s) => s.sorting)
  const setSorting = useViewStore((s) => s.setSorting)
  const selectedId = useViewStore((s) => s.selectedId)
  const selection = useViewStore((s) => s.selection)
  const pickRow = useViewStore((s) => s.pickRow)
  const selectAll = useViewStore((s) => s.selectAll)
  const revealId = useViewStore((s) => s.revealId)
  const revealed = useViewStore((s) => s.revealed)
  const settings = useSettingsStore((s) => s.settings)
  const containersKnown = useMonitor((s) => s.status?.containerEngine === true)
  const layout = useColumnLayout(settings, containersKnown, visible.anyLabel)
  const columns = useMemo(() => layout.columns.map((laid) => laid.column), [layout.columns])
  const style = useMemo(() => gridStyle(layout.columns), [layout.columns])

  const { rows } = visible
  const selectedIndex = selectedId === null ? -1 : visible.indexOf(selectedId)

  const gridRef = useRef<HTMLDivElement>(null)
  const scrollRef = useRef<HTMLDivElement>(null)
  // The page is not built with React Compiler, so there is no memoization for TanStack Virtual to break.
  // eslint-disable-next-line react-hooks/incompatible-library
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

  const pick = useCallback(
    (id: string, range: boolean, toggle: boolean) => pickRow(id, { range, toggle }, visible.ids(), visible.indexOf),
    [pickRow, visible],
  )

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    // Keys pressed on a header's buttons are theirs.
    if (event.target !== event.currentTarget) return
    const mod = isMac() ? event.metaKey : event.ctrlKey
    const key = event.key
    let handled = true
    if (key === 'Enter') {
      const tracked = rows[selectedIndex]
      if (tracked) commands.open(tracked)
      else handled = false
    } else if (key === 'Delete' || (isMac() && key === 'Backspace' && event.metaKey)) {
      commands.stop()
    } else if (mod && key.toLowerCase() === 'c') {
      commands.copy()
    } else if (mod && key.toLowerCase() === 'a') {
      selectAll(visible.ids())
    } else if (key === 'ContextMenu' || (key === 'F10' && event.shiftKey)) {
      const element = selectedIndex >= 0 ? document.getElementById(rowDomId(selectedIndex)) : null
      const box = (element ?? event.currentTarget).getBoundingClientRect()
      commands.menu(box.left + 24, box.top + Math.min(box.height, ROW_HEIGHT))
    } else if (key === ' ' && selectedId !== null) {
      pick(selectedId, false, true)
    } else {
      const move = keyToMove(key)
      if (move && rows.length > 0) {
        const pageRows = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT) / ROW_HEIGHT) - 1)
        const target = rows[moveSelection(selectedIndex, move, rows.length, pageRows)]
        keyboardMoved.current = true
        if (target) pick(target.row.id, event.shiftKey, false)
      } else handled = false
    }
    if (handled) event.preventDefault()
  }

  const onRowClick = useCallback(
    (tracked: TrackedRow, event: MouseEvent) => {
      pick(tracked.row.id, event.shiftKey, isMac() ? event.metaKey : event.ctrlKey)
      gridRef.current?.focus({ preventScroll: true })
    },
    [pick],
  )
  const onRowMenu = useCallback(
    (tracked: TrackedRow, event: MouseEvent) => {
      event.preventDefault()
      // A right-click outside the selection selects that row alone, as file managers do.
      if (!useViewStore.getState().selection.ids.has(tracked.row.id)) pick(tracked.row.id, false, false)
      gridRef.current?.focus({ preventScroll: true })
      commands.menu(event.clientX, event.clientY)
    },
    [pick, commands],
  )
  const onRowOpen = useCallback((tracked: TrackedRow) => commands.open(tracked), [commands])
  const onSort = (id: ColumnId, multi: boolean) => setSorting(nextSorting(useViewStore.getState().sorting, id, multi))

  return (
    <div
      ref={gridRef}
      className="port-grid"
      style={style}
      role="grid"
      aria-label={label}
      aria-multiselectable="true"
      aria-rowcount={rows.length + 1}
      aria-colcount={columns.length}
      aria-activedescendant={selectedIndex >= 0 ? rowDomId(selectedIndex) : undefined}
      data-applied-seq={seq}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <div className="grid-head" role="rowgroup">
        <div className="grid-row grid-header-row" role="row" aria-rowindex={1}>
          {layout.columns.map((laid) => (
            <ColumnHeader key={laid.column.id} laid={laid} sorting={sorting} onSort={onSort} layout={layout} />
          ))}
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
              // The virtualizer counts these rows, so the index is in range; a stale one draws nothing.
              if (!tracked) return null
              return (
                <GridRow
                  key={tracked.row.id}
                  tracked={tracked}
                  columns={columns}
                  index={item.index}
                  top={item.start}
                  selected={selection.ids.has(tracked.row.id)}
                  cursor={item.index === selectedIndex}
                  onClick={onRowClick}
                  onOpen={onRowOpen}
                  onMenu={onRowMenu}
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
  /** The keyboard's row (Enter opens it). */
  cursor: boolean
  onClick: (tracked: TrackedRow, event: MouseEvent) => void
  onOpen: (tracked: TrackedRow) => void
  onMenu: (tracked: TrackedRow, event: MouseEvent) => void
}

const GridRow = memo(function GridRow({ tracked, columns, index, top, selected, cursor, onClick, onOpen, onMenu }: GridRowProps) {
  return (
    <div
      id={rowDomId(index)}
      className={`grid-row${selected ? ' selected' : ''}${cursor ? ' cursor' : ''}${tracked.change ? ` change-${tracked.change}` : ''}`}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      data-change={tracked.change ?? undefined}
      data-port={tracked.row.port}
      data-protocol={tracked.row.protocol}
      data-row-id={tracked.row.id}
      style={{ transform: `translateY(${top}px)` }}
      // The tooltip is built when the pointer arrives, not on every render (dates are slow to format).
      onPointerEnter={(event) => {
        event.currentTarget.title = rowTooltip(tracked.row)
      }}
      onClick={(event) => onClick(tracked, event)}
      onDoubleClick={() => onOpen(tracked)}
      onContextMenu={(event) => onMenu(tracked, event)}
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
