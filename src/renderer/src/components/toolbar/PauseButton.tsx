import { useState } from 'react'
import { portolanApi } from '../../lib/portolan-api'
import { useMonitor } from '../../store/monitor-context'

/** Pauses or resumes polling; its label follows the monitor's reported state, not a guess. */
export function PauseButton() {
  const paused = useMonitor((s) => s.status?.state === 'paused')
  const [busy, setBusy] = useState(false)
  const toggle = () => {
    setBusy(true)
    portolanApi()
      .setPaused(!paused)
      .catch((error: unknown) => console.warn('portolan: could not change pause:', error))
      .finally(() => setBusy(false))
  }
  return (
    <button type="button" className="pause-button" disabled={busy} onClick={toggle}>
      {paused ? 'Resume monitoring' : 'Pause monitoring'}
    </button>
  )
}
