import type { MonitorStatus } from '../../../../shared/row'
import { formatClock, plural } from '../../lib/format'

export interface StatusBarProps {
  status: MonitorStatus | null
  liveCount: number
  shownCount: number
  /** What the table lists: "listener" (default) or "connection". */
  noun?: string
}

const STATE_LABELS: Record<MonitorStatus['state'], string> = { starting: 'starting', ok: 'live', stale: 'stale', paused: 'paused' }

/** Counts, the last poll, the monitor's state and whose sockets we cannot attribute. */
export function StatusBar({ status, liveCount, shownCount, noun = 'listener' }: StatusBarProps) {
  const state = status?.state ?? 'starting'
  return (
    <footer className="status-bar" aria-label="Monitor status">
      <span className={`status-state state-${state}`} data-state={state}>
        {STATE_LABELS[state]}
      </span>
      <span className="status-count">
        {plural(liveCount, noun)}
        {shownCount !== liveCount && ` (${shownCount.toLocaleString()} shown)`}
      </span>
      {status?.lastPollAt != null && (
        <span className="status-poll">
          last poll {formatClock(status.lastPollAt)}
          {status.lastPollMs !== null && ` in ${status.lastPollMs} ms`}, every {status.intervalMs / 1000} s
        </span>
      )}
      {status && status.hiddenOwners > 0 && !status.privileged && (
        <span className="status-hidden" title="Without root, the kernel does not show which process owns another user's socket.">
          {plural(status.hiddenOwners, 'socket')} with hidden owner (another user's; run as root to see)
        </span>
      )}
      {status && (
        <span className="status-collector">
          via {status.collector}
          {status.privileged ? ' (root)' : ''}
          {status.collectorNote && ` — ${status.collectorNote}`}
        </span>
      )}
    </footer>
  )
}
