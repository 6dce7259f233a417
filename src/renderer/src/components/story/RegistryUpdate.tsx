import { useState, type FormEvent } from 'react'
import { IANA_REGISTRY_URL, type RegistryInfo } from '../../../../shared/ipc'
import { errorText, registryApi } from './registry-api'

/** "Update registry from IANA": the user keeps IANA's URL or pastes another; failures leave the registry as it was. */
export function RegistryUpdate({ registry, onUpdated }: { registry: { source: string; asOf: string; description?: string }; onUpdated: (info: RegistryInfo) => void }) {
  const api = registryApi()
  const [open, setOpen] = useState(false)
  const [url, setUrl] = useState(IANA_REGISTRY_URL)
  const [state, setState] = useState<{ kind: 'idle' | 'busy' | 'done' | 'error'; message: string }>({ kind: 'idle', message: '' })

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!api) return
    setState({ kind: 'busy', message: 'Downloading and checking the registry…' })
    api.updateRegistry(url.trim()).then(
      (info) => {
        setState({ kind: 'done', message: `Updated: ${info.description ?? `IANA's registry of ${info.asOf}`}, ${info.records} records.` })
        onUpdated(info)
      },
      (reason: unknown) => setState({ kind: 'error', message: `Not updated; the registry in use stays. ${errorText(reason)}` }),
    )
  }

  return (
    <footer className="story-registry">
      <p className="muted">
        Registry: {registry.description ?? `${registry.source}, as of ${registry.asOf}`}.
        {api && !open && (
          <button type="button" className="story-link-button" onClick={() => setOpen(true)}>
            Update registry from IANA
          </button>
        )}
      </p>
      {api && open && (
        <form onSubmit={submit} className="story-registry-form">
          <label>
            <span>CSV or XML URL</span>
            <input type="url" value={url} onChange={(e) => setUrl(e.target.value)} required spellCheck={false} />
          </label>
          <button type="submit" disabled={state.kind === 'busy'}>
            Update
          </button>
          <button type="button" onClick={() => setOpen(false)}>
            Cancel
          </button>
        </form>
      )}
      {state.kind !== 'idle' && (
        <p role={state.kind === 'error' ? 'alert' : 'status'} className={`story-registry-${state.kind}`}>
          {state.message}
        </p>
      )}
    </footer>
  )
}
