import { useEffect, useEffectEvent, useId, useRef, type KeyboardEvent, type ReactNode } from 'react'
import '../../styles/features.css'

export interface DialogProps {
  title: string
  onClose: () => void
  children: ReactNode
  /** Extra class for sizing (e.g. a side sheet). */
  className?: string
}

/**
 * A modal <dialog>: showModal() makes the rest of the page inert (focus stays inside) and Esc closes it;
 * focus returns to whatever had it before the dialog opened.
 */
export function Dialog({ title, onClose, children, className }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  // The latest onClose, for listeners the effect below adds once.
  const close = useEffectEvent(() => onClose())

  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null
    dialog.showModal()
    const onCancel = (event: Event) => {
      // React owns the open state: close through onClose so the dialog unmounts.
      event.preventDefault()
      close()
    }
    // Chromium may close without 'cancel' (repeated Esc without user activation): follow it.
    const onNativeClose = () => close()
    dialog.addEventListener('cancel', onCancel)
    dialog.addEventListener('close', onNativeClose)
    return () => {
      dialog.removeEventListener('cancel', onCancel)
      dialog.removeEventListener('close', onNativeClose)
      if (dialog.open) dialog.close()
      if (opener?.isConnected) opener.focus()
    }
  }, [])

  const onKeyDown = (event: KeyboardEvent<HTMLDialogElement>) => {
    // Esc belongs to the dialog: the page's own Esc (closing the story) must not see it too.
    if (event.key === 'Escape') event.stopPropagation()
    // A modal <dialog> makes the page inert, but Tab from its last control would leave for the browser's UI.
    if (event.key === 'Tab' && ref.current) wrapFocus(ref.current, event)
  }

  return (
    <dialog ref={ref} className={`modal${className ? ` ${className}` : ''}`} aria-labelledby={titleId} onKeyDown={onKeyDown}>
      <header className="modal-head">
        <h2 id={titleId} className="modal-title">
          {title}
        </h2>
        <button type="button" className="icon-button" aria-label={`Close ${title}`} onClick={onClose}>
          ×
        </button>
      </header>
      {children}
    </dialog>
  )
}

const FOCUSABLE = 'button:not(:disabled), input:not(:disabled), select:not(:disabled), textarea:not(:disabled), a[href], [tabindex]:not([tabindex="-1"])'

/** Tab on the last control goes to the first, Shift+Tab on the first to the last. */
function wrapFocus(dialog: HTMLDialogElement, event: KeyboardEvent<HTMLDialogElement>): void {
  const focusable = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)]
  const [first] = focusable
  const last = focusable.at(-1)
  if (!first || !last) return
  const active = document.activeElement
  if (event.shiftKey ? active === first || active === dialog : active === last) {
    event.preventDefault()
    const next = event.shiftKey ? last : first
    next.focus()
  }
}
