import '../../styles/features.css'
import { useContext, useEffect, useRef, useState } from 'react'
import type { AlertNotice } from '../../../../shared/alerts'
import { portolanApi } from '../../lib/portolan-api'
import { revealRow } from '../../lib/reveal-row'
import { MonitorContext } from '../../store/monitor-context'

/** How long a toast stays unless the pointer or focus is on it. */
export const TOAST_MS = 8000

interface Toast extends AlertNotice {
  key: number
}

/**
 * New-listener alerts as toasts; clicking one shows its first row. A clicked desktop notification
 * (onSelect) shows its rows the same way.
 */
export function AlertToasts() {
  const monitor = useContext(MonitorContext)
  const [toasts, setToasts] = useState<Toast[]>([])
  const nextKey = useRef(0)

  useEffect(() => {
    if (!monitor) return
    const api = portolanApi()
    const offAlert = api.onAlert((notice) => setToasts((shown) => [...shown, { ...notice, key: nextKey.current++ }]))
    const offSelect = api.onSelect((notice) => {
      if (notice.rowIds[0]) revealRow(monitor, notice.rowIds[0])
    })
    return () => {
      offAlert()
      offSelect()
    }
  }, [monitor])

  const dismiss = (key: number) => setToasts((shown) => shown.filter((toast) => toast.key !== key))
  const show = (toast: Toast) => {
    dismiss(toast.key)
    if (monitor && toast.rowIds[0]) revealRow(monitor, toast.rowIds[0])
  }

  return (
    <section className="toasts" aria-label="Alerts" aria-live="polite">
      {toasts.map((toast) => (
        <ToastCard key={toast.key} toast={toast} onShow={() => show(toast)} onDismiss={() => dismiss(toast.key)} />
      ))}
    </section>
  )
}

interface ToastCardProps {
  toast: Toast
  onShow: () => void
  onDismiss: () => void
}

function ToastCard({ toast, onShow, onDismiss }: ToastCardProps) {
  const [held, setHeld] = useState(false)
  useEffect(() => {
    if (held) return
    const timer = setTimeout(onDismiss, TOAST_MS)
    return () => clearTimeout(timer)
  }, [held, onDismiss])
  return (
    <div
      className="toast"
      onMouseEnter={() => setHeld(true)}
      onMouseLeave={() => setHeld(false)}
      onFocus={() => setHeld(true)}
      onBlur={() => setHeld(false)}
    >
      <button type="button" className="toast-main" onClick={onShow} aria-label={`${toast.title}: ${toast.body}. Show in the table`}>
        <strong className="toast-title">{toast.title}</strong>
        <span className="toast-body">{toast.body}</span>
      </button>
      <button type="button" className="icon-button" aria-label={`Dismiss alert: ${toast.title}`} onClick={onDismiss}>
        ×
      </button>
    </div>
  )
}
