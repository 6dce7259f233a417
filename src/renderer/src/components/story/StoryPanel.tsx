import { useEffect, useState } from 'react'
import type { Protocol } from '../../../../shared/row'
import type { Story } from '../../../../shared/story'

export interface StoryPanelProps {
  port: number
  protocol: Protocol | null
  onClose(): void
}

/** The story of one port, beside the table. Fetches it through window.portolan.story. */
export function StoryPanel({ port, protocol, onClose }: StoryPanelProps) {
  const [story, setStory] = useState<Story | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    let cancelled = false
    setStory(null)
    setError(null)
    window.portolan.story(port, protocol ?? undefined).then(
      (value) => !cancelled && setStory(value),
      (reason: unknown) => !cancelled && setError(String(reason)),
    )
    return () => {
      cancelled = true
    }
  }, [port, protocol])
  return (
    <aside aria-label={`Story of port ${port}`}>
      <button type="button" onClick={onClose} aria-label="Close story">
        ×
      </button>
      {error ? <p role="alert">{error}</p> : story ? <h2>{story.title}</h2> : <p>Loading…</p>}
    </aside>
  )
}
