import { useId, useState, type FormEvent } from 'react'
import { parsePortSpec } from '../../../../shared/validate'
import { errorText } from '../../lib/error-text'
import type { StoryTarget } from '../../store/view-store'

export interface PortSearchProps {
  onOpen: (target: StoryTarget) => void
}

/** "1322" or "53/udp" + Enter opens that port's story, whether or not anything listens on it. */
export function PortSearch({ onOpen }: PortSearchProps) {
  const [text, setText] = useState('')
  const [error, setError] = useState<string | null>(null)
  const errorId = useId()
  const submit = (event: FormEvent) => {
    event.preventDefault()
    try {
      onOpen(parsePortSpec(text))
      setError(null)
    } catch (reason) {
      setError(errorText(reason))
    }
  }
  return (
    <form className="port-search" onSubmit={submit} role="search" aria-label="Open a port's story">
      <input
        className="port-search-input"
        type="text"
        inputMode="numeric"
        placeholder="Port story: 1322 or 53/udp"
        aria-label="Port number for its story"
        aria-invalid={error !== null}
        aria-describedby={error ? errorId : undefined}
        value={text}
        onChange={(event) => {
          setText(event.target.value)
          setError(null)
        }}
      />
      {error && (
        <p id={errorId} className="port-search-error" role="alert">
          {error}
        </p>
      )}
    </form>
  )
}
