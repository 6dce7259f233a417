import type { TableView } from '../../../../shared/settings'
import { portolanApi } from '../../lib/portolan-api'
import { useSettingsStore } from '../../store/settings-store'

const VIEWS: { view: TableView; label: string; hint: string }[] = [
  { view: 'listeners', label: 'Listeners', hint: 'Sockets waiting for connections or datagrams' },
  { view: 'connections', label: 'Connections', hint: 'Established and other non-listening sockets, with their remote address' },
]

/** Listeners or connections: saved in the settings, and main collects connections only while they are shown. */
export function ViewTabs() {
  const view = useSettingsStore((s) => s.settings?.view ?? 'listeners')
  const loaded = useSettingsStore((s) => s.settings !== null)
  const choose = (next: TableView) => {
    if (next === view) return
    portolanApi()
      .updateSettings({ view: next })
      .catch((error: unknown) => console.warn('portolan: could not switch the view:', error))
  }
  return (
    <div className="view-tabs" role="tablist" aria-label="Table">
      {VIEWS.map(({ view: candidate, label, hint }) => (
        <button
          key={candidate}
          type="button"
          role="tab"
          aria-selected={candidate === view}
          title={hint}
          disabled={!loaded}
          onClick={() => choose(candidate)}
        >
          {label}
        </button>
      ))}
    </div>
  )
}
