import { useMemo, useRef, useState, type DragEvent, type KeyboardEvent, type PointerEvent } from 'react'
import type { ColumnId, Settings } from '../../../../shared/settings'
import { portolanApi } from '../../lib/portolan-api'
import type { SortingState } from '../../store/row-sort'
import { layoutColumns, orderedColumns, reorderColumns, type LaidOutColumn } from './column-layout'

const DRAG_TYPE = 'application/x-portolan-column'
/** Arrow keys on a resize handle move it this far. */
const KEY_STEP_PX = 16

export interface ColumnLayoutControl {
  columns: LaidOutColumn[]
  /** While a handle is dragged: the width shown, not yet saved. */
  preview(id: ColumnId, width: number): void
  /** The drag ended: save the width in the settings (the layout persists). */
  commitWidth(id: ColumnId, width: number): void
  /** A header was dropped on another: save the new order. */
  move(moved: ColumnId, target: ColumnId): void
}

function save(patch: Pick<Partial<Settings>, 'columnWidths' | 'columnOrder'>): void {
  portolanApi()
    .updateSettings(patch)
    .catch((error: unknown) => console.warn('portolan: the column layout was not saved:', error))
}

/** The grid's columns from the settings, with the live width of a column being resized. */
export function useColumnLayout(settings: Settings | null, containersKnown: boolean, labelsKnown: boolean): ColumnLayoutControl {
  const [draft, setDraft] = useState<{ id: ColumnId; width: number } | null>(null)
  const widths = settings?.columnWidths
  const columns = useMemo(
    () =>
      layoutColumns({
        visibleColumns: settings?.visibleColumns,
        columnOrder: settings?.columnOrder,
        columnWidths: draft ? { ...widths, [draft.id]: draft.width } : widths,
        view: settings?.view ?? 'listeners',
        containersKnown,
        labelsKnown,
      }),
    [settings?.visibleColumns, settings?.columnOrder, settings?.view, widths, draft, containersKnown, labelsKnown],
  )
  return {
    columns,
    preview: (id, width) => setDraft({ id, width }),
    commitWidth: (id, width) => {
      setDraft(null)
      save({ columnWidths: { ...widths, [id]: Math.round(width) } })
    },
    move: (moved, target) => {
      const order = orderedColumns(settings?.columnOrder).map((column) => column.id)
      save({ columnOrder: reorderColumns(order, moved, target) })
    },
  }
}

export interface ColumnHeaderProps {
  laid: LaidOutColumn
  sorting: SortingState
  onSort: (id: ColumnId, multi: boolean) => void
  layout: ColumnLayoutControl
}

/** A header: click sorts (Shift adds), drag the header to reorder, drag its right edge to resize. */
export function ColumnHeader({ laid, sorting, onSort, layout }: ColumnHeaderProps) {
  const { column } = laid
  const cellRef = useRef<HTMLDivElement>(null)
  const drag = useRef<{ startX: number; startWidth: number; width: number } | null>(null)
  const [dropTarget, setDropTarget] = useState(false)
  const sorted = sorting.find((sort) => sort.id === column.id)

  const currentWidth = () => cellRef.current?.getBoundingClientRect().width ?? column.width
  const onPointerDown = (event: PointerEvent<HTMLSpanElement>) => {
    event.preventDefault()
    event.stopPropagation()
    event.currentTarget.setPointerCapture(event.pointerId)
    drag.current = { startX: event.clientX, startWidth: currentWidth(), width: currentWidth() }
  }
  const onPointerMove = (event: PointerEvent<HTMLSpanElement>) => {
    if (!drag.current) return
    drag.current.width = Math.max(column.minWidth, drag.current.startWidth + event.clientX - drag.current.startX)
    layout.preview(column.id, drag.current.width)
  }
  const onPointerUp = () => {
    if (!drag.current) return
    layout.commitWidth(column.id, drag.current.width)
    drag.current = null
  }
  const onHandleKey = (event: KeyboardEvent<HTMLSpanElement>) => {
    const step = event.key === 'ArrowRight' ? KEY_STEP_PX : event.key === 'ArrowLeft' ? -KEY_STEP_PX : 0
    if (step === 0) return
    event.preventDefault()
    event.stopPropagation()
    layout.commitWidth(column.id, Math.max(column.minWidth, currentWidth() + step))
  }

  const onDragStart = (event: DragEvent<HTMLDivElement>) => {
    event.dataTransfer.setData(DRAG_TYPE, column.id)
    event.dataTransfer.effectAllowed = 'move'
  }
  const accepts = (event: DragEvent) => event.dataTransfer.types.includes(DRAG_TYPE)
  const onDragOver = (event: DragEvent<HTMLDivElement>) => {
    if (!accepts(event)) return
    event.preventDefault()
    setDropTarget(true)
  }
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    setDropTarget(false)
    const moved = event.dataTransfer.getData(DRAG_TYPE) as ColumnId
    if (!moved) return
    event.preventDefault()
    layout.move(moved, column.id)
  }

  return (
    <div
      ref={cellRef}
      className={`grid-cell col-${column.id}${dropTarget ? ' drop-target' : ''}`}
      role="columnheader"
      aria-sort={sorted ? (sorted.desc ? 'descending' : 'ascending') : 'none'}
      data-column={column.id}
      draggable
      onDragStart={onDragStart}
      onDragOver={onDragOver}
      onDragLeave={() => setDropTarget(false)}
      onDrop={onDrop}
    >
      <button type="button" className="sort-button" title={column.hint} onClick={(event) => onSort(column.id, event.shiftKey)}>
        {column.header}
        <span className="sort-mark" aria-hidden="true">
          {sorted ? (sorted.desc ? '▼' : '▲') : ''}
        </span>
      </button>
      <span
        className="resize-handle"
        role="separator"
        aria-orientation="vertical"
        aria-label={`Resize ${column.header}`}
        aria-valuenow={Math.round(laid.width ?? column.width)}
        aria-valuemin={column.minWidth}
        tabIndex={0}
        onPointerDown={onPointerDown}
        // Not a drag of the header (HTML drag and drop starts on mousedown): a resize.
        onMouseDown={(event) => {
          event.preventDefault()
          event.stopPropagation()
        }}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
        onKeyDown={onHandleKey}
        onClick={(event) => event.stopPropagation()}
        draggable={false}
        onDragStart={(event) => {
          event.preventDefault()
          event.stopPropagation()
        }}
      />
    </div>
  )
}
