import { useState, type FormEvent } from 'react'
import type { Protocol } from '../../../../shared/row'
import type { StoryUse } from '../../../../shared/story'
import { errorText, hasLabelApi, registryApi } from './registry-api'

/** The user's own labels for this port: they show first in "What actually uses it". */
export function PortLabels({ port, protocol, uses, onChanged }: { port: number; protocol: Protocol | null; uses: StoryUse[]; onChanged: () => void }) {
  const api = registryApi()
  const [text, setText] = useState('')
  const [error, setError] = useState<string | null>(null)
  if (!hasLabelApi(api)) return null
  const labels = uses.filter((u) => u.userLabel)

  const add = (event: FormEvent) => {
    event.preventDefault()
    setError(null)
    api.setLabel({ port, protocol, label: text, note: null }).then(
      () => {
        setText('')
        onChanged()
      },
      (reason: unknown) => setError(errorText(reason)),
    )
  }
  const remove = (labelProtocol: Protocol | null) => {
    api.removeLabel(port, labelProtocol).then(onChanged, (reason: unknown) => setError(errorText(reason)))
  }

  return (
    <div className="story-labels">
      {labels.map((label) => (
        <span key={`${label.protocol}-${label.software}`} className="story-label">
          {label.software}
          <button type="button" aria-label={`Remove label ${label.software}`} onClick={() => remove(label.protocol)}>
            ×
          </button>
        </span>
      ))}
      <form onSubmit={add}>
        <input value={text} onChange={(e) => setText(e.target.value)} placeholder={`Your label for ${port}${protocol ? `/${protocol}` : ''}`} maxLength={120} aria-label="Your label" />
        <button type="submit" disabled={text.trim() === ''}>
          Add label
        </button>
      </form>
      {error && <p role="alert">{error}</p>}
    </div>
  )
}
