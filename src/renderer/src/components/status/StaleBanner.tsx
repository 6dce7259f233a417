import type { MonitorStatus } from '../../../../shared/row'
import { formatClock } from '../../lib/format'
import { useNow } from '../../store/clock-store'

export interface StaleBannerProps {
  status: MonitorStatus | null
  /** The renderer's own trouble reaching the monitor (snapshot failed). */
  loadError: string | null
}

function RetryCountdown({ at }: { at: number }) {
  const now = useNow()
  const seconds = Math.max(0, Math.ceil((at - now) / 1000))
  return <> Retrying in {seconds} s.</>
}

/** Loud on purpose: rows on screen may be out of date. */
export function StaleBanner({ status, loadError }: StaleBannerProps) {
  if (loadError) {
    return (
      <div className="banner banner-error" role="alert">
        Cannot reach the monitor: {loadError}. Retrying.
      </div>
    )
  }
  if (status?.state === 'paused') {
    return (
      <div className="banner banner-paused" role="status">
        Monitoring is paused; {status.lastPollAt ? `rows are as of ${formatClock(status.lastPollAt)}` : 'no poll has run yet'}.
      </div>
    )
  }
  if (status?.state !== 'stale') return null
  return (
    <div className="banner banner-stale" role="alert">
      <strong>Stale:</strong> the last {status.consecutiveFailures > 1 ? `${status.consecutiveFailures} polls` : 'poll'} failed
      {status.error ? ` (${status.error})` : ''}; {status.lastPollAt ? `rows are as of ${formatClock(status.lastPollAt)}` : 'no poll has succeeded yet, so no rows are shown'}.
      {status.nextPollAt !== null && <RetryCountdown at={status.nextPollAt} />}
    </div>
  )
}
