import { useCallback, useEffect, useState } from 'react'
import type { Protocol } from '../../../../shared/row'
import type { Story } from '../../../../shared/story'
import { PortLabels } from './PortLabels'
import { RegistryUpdate } from './RegistryUpdate'
import { StorySections, StorySources } from './StorySections'
import { useLiveKey } from './live-key'
import { errorText } from './registry-api'
import './story.css'

export interface StoryPanelProps {
  port: number
  protocol: Protocol | null
  onClose: () => void
}

/**
 * The story of one port, beside the table. Fetches it through window.portolan.story, and again whenever the
 * live table shows a holder of this port arrive, leave or change, so "On this machine now" stays true.
 */
export function StoryPanel({ port, protocol, onClose }: StoryPanelProps) {
  const [story, setStory] = useState<Story | null>(null)
  const [version, setVersion] = useState(0)
  const reload = useCallback(() => setVersion((v) => v + 1), [])
  const liveKey = useLiveKey(port, protocol)
  // A failure belongs to the request that met it: the next request (another port, a reload, a live change) hides it.
  const request = `${port}/${protocol}/${version}/${liveKey}`
  const [failure, setFailure] = useState<{ request: string; text: string } | null>(null)
  const error = failure?.request === request ? failure.text : null

  useEffect(() => {
    let cancelled = false
    window.portolan.story(port, protocol ?? undefined).then(
      (value) => !cancelled && setStory(value),
      (reason: unknown) => !cancelled && setFailure({ request, text: errorText(reason) }),
    )
    return () => {
      cancelled = true
    }
  }, [port, protocol, request])

  const current = story && story.port === port && story.protocol === protocol ? story : null
  return (
    <aside className="story-panel" aria-label={`Story of port ${port}`}>
      <header className="story-header">
        <h2>{current ? current.title : `Port ${port}${protocol ? `/${protocol}` : ''}`}</h2>
        <button type="button" className="story-close" onClick={onClose} aria-label="Close story">
          ×
        </button>
      </header>
      {error ? (
        <p role="alert">{error}</p>
      ) : current ? (
        <div className="story-body">
          <p className="story-facts muted">
            {current.rangeFacts.name} range ({current.rangeFacts.low}–{current.rangeFacts.high}, “{current.rangeFacts.commonName}”)
            {current.ephemeral.contains && ` · inside this machine's ephemeral range ${current.ephemeral.low}–${current.ephemeral.high}`}
            {` · ${current.live.length === 0 ? 'nothing listening now' : `${current.live.length} live socket${current.live.length > 1 ? 's' : ''}`}`}
          </p>
          <PortLabels port={port} protocol={protocol} uses={current.uses} onChanged={reload} />
          <StorySections story={current} />
          <StorySources story={current} />
          <RegistryUpdate registry={current.registry} onUpdated={reload} />
        </div>
      ) : (
        <p>Loading…</p>
      )}
    </aside>
  )
}
