import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react'
import type { Row } from '../../../../shared/row'
import { rowMenuItems } from '../../../../shared/row-menu'
import { runRowAction } from '../../lib/run-row-action'
import { useActionStore } from '../../store/action-store'

export interface ContextMenuProps {
  /** The selected rows in table order. */
  rows: readonly Row[]
}

function onMac(): boolean {
  return /mac/i.test(navigator.platform)
}

/** Electron's accelerator words as a person reads them here. */
function shortcutText(accelerator: string): string {
  const mac = onMac()
  return accelerator.replace('CmdOrCtrl', mac ? '⌘' : 'Ctrl').replace('+', mac ? '' : '+')
}

/** The same shortcut in aria-keyshortcuts' words ("Control+C", "Meta+C"), so a screen reader says it apart from the label. */
function ariaShortcut(accelerator: string): string {
  return accelerator.replace('CmdOrCtrl', onMac() ? 'Meta' : 'Control')
}

/**
 * The page's context menu for the selection: the same items (shared/row-menu.ts) as the action bar and a
 * native menu would have. Arrow keys move, Enter runs, Esc or a click elsewhere closes; focus goes back.
 */
export function ContextMenu({ rows }: ContextMenuProps) {
  const menu = useActionStore((s) => s.menu)
  const closeMenu = useActionStore((s) => s.closeMenu)
  const ref = useRef<HTMLDivElement>(null)
  const [place, setPlace] = useState<{ left: number; top: number } | null>(null)
  const items = rowMenuItems(rows)

  // Keep it inside the window: measured once it is drawn.
  useLayoutEffect(() => {
    const element = ref.current
    if (!menu || !element) return
    const { width, height } = element.getBoundingClientRect()
    setPlace({ left: Math.max(0, Math.min(menu.x, window.innerWidth - width - 4)), top: Math.max(0, Math.min(menu.y, window.innerHeight - height - 4)) })
  }, [menu])
  // Once placed (a hidden element cannot take focus), the first item takes it, for the arrow keys.
  useEffect(() => {
    if (place) ref.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus()
  }, [place])

  useEffect(() => {
    if (!menu) return
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null
    const onPointer = (event: PointerEvent) => {
      if (!ref.current?.contains(event.target as Node)) closeMenu()
    }
    const onBlur = () => closeMenu()
    // Esc closes it wherever focus is (and only it: the story behind stays open).
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.key !== 'Escape') return
      event.stopImmediatePropagation()
      closeMenu()
    }
    window.addEventListener('pointerdown', onPointer, true)
    window.addEventListener('blur', onBlur)
    window.addEventListener('keydown', onKey, true)
    return () => {
      window.removeEventListener('pointerdown', onPointer, true)
      window.removeEventListener('blur', onBlur)
      window.removeEventListener('keydown', onKey, true)
      if (opener?.isConnected && !document.querySelector('dialog[open]')) opener.focus()
    }
  }, [menu, closeMenu])

  if (!menu) {
    if (place) setPlace(null)
    return null
  }

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const entries = [...(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])]
    const index = entries.indexOf(document.activeElement as HTMLElement)
    const focus = (i: number) => entries[(i + entries.length) % entries.length]?.focus()
    if (event.key === 'ArrowDown') focus(index + 1)
    else if (event.key === 'ArrowUp') focus(index - 1)
    else if (event.key === 'Home') focus(0)
    else if (event.key === 'End') focus(entries.length - 1)
    else if (event.key === 'Escape' || event.key === 'Tab') closeMenu()
    else return
    event.preventDefault()
    event.stopPropagation()
  }

  return (
    <div
      ref={ref}
      className="context-menu"
      role="menu"
      aria-label="Row actions"
      style={{ left: place?.left ?? menu.x, top: place?.top ?? menu.y, visibility: place ? 'visible' : 'hidden' }}
      onKeyDown={onKeyDown}
      onContextMenu={(event) => event.preventDefault()}
    >
      {items.map((item) => (
        <div key={item.id} className="context-menu-group">
          {item.separatorBefore && <div role="separator" className="context-menu-separator" />}
          <button
            type="button"
            role="menuitem"
            tabIndex={-1}
            aria-disabled={!item.enabled}
            title={item.reason ?? undefined}
            aria-keyshortcuts={item.accelerator ? ariaShortcut(item.accelerator) : undefined}
            onClick={() => {
              if (!item.enabled) return
              closeMenu()
              runRowAction(item.id, rows)
            }}
          >
            <span>{item.label}</span>
            {item.accelerator && <kbd aria-hidden="true">{shortcutText(item.accelerator)}</kbd>}
          </button>
        </div>
      ))}
    </div>
  )
}
