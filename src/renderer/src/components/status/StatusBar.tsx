import { useState } from 'react'
import type { ShowAllOwnersOutcome } from '../../../../shared/owner'
import type { MonitorStatus } from '../../../../shared/row'
import { formatClock, plural } from '../../lib/format'
import { portolanApi } from '../../lib/portolan-api'

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
      {status && status.hiddenOwners > 0 && !status.privileged && <HiddenOwners count={status.hiddenOwners} />}
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

type Asking = { state: 'idle' } | { state: 'asking' } | ShowAllOwnersOutcome

/**
 * Other users' sockets whose owners the kernel hides from this user, and the way to see them: the
 * elevated helper behind the system's password prompt (never the whole app as root).
 */
function HiddenOwners({ count }: { count: number }) {
  const [asking, setAsking] = useState<Asking>({ state: 'idle' })
  const showAll = () => {
    setAsking({ state: 'asking' })
    portolanApi()
      .showAllOwners()
      .then(setAsking, (error: unknown) => setAsking({ state: 'failed', message: error instanceof Error ? error.message : String(error) }))
  }
  return (
    <span className="status-hidden" title="Without root, the kernel does not show which process owns another user's socket.">
      {plural(count, 'socket')} with hidden owner (another user's){' '}
      <button type="button" className="show-all-owners" disabled={asking.state === 'asking'} onClick={showAll}>
        {asking.state === 'asking' ? 'Waiting for the password prompt…' : 'Show all owners'}
      </button>
      {(asking.state === 'failed' || asking.state === 'manual') && ' '}
      {(asking.state === 'failed' || asking.state === 'manual') && (
        <span className="show-all-owners-outcome" role="status">
          {asking.message}
          {asking.state === 'manual' && (
            <>
              {' '}
              <code className="show-all-owners-command">{asking.command}</code>
            </>
          )}
        </span>
      )}
    </span>
  )
}
