import type { PortolanApi, Unsubscribe } from '../../../shared/ipc'
import type { Settings } from '../../../shared/settings'
import { sameFilter } from './row-filter'
import { useSettingsStore } from './settings-store'
import { useViewStore } from './view-store'

const SAVE_DELAY_MS = 400

/**
 * Restores the saved filter once the settings arrive, then saves the view's filter as the user changes it
 * (debounced, so typing is one write). Later pushes do not overwrite the view: the user may be typing.
 */
export function startFilterSync(api: Pick<PortolanApi, 'updateSettings'>): Unsubscribe {
  let restored = false
  let timer: ReturnType<typeof setTimeout> | null = null

  const restore = (settings: Settings | null) => {
    if (restored || !settings) return
    restored = true
    useViewStore.setState({ filter: settings.filters })
  }
  restore(useSettingsStore.getState().settings)
  const offSettings = useSettingsStore.subscribe((state) => restore(state.settings))

  const save = () => {
    timer = null
    const saved = useSettingsStore.getState().settings?.filters
    const wanted = useViewStore.getState().filter
    if (saved && sameFilter(saved, wanted)) return
    api.updateSettings({ filters: wanted }).catch((error: unknown) => console.warn('portolan: the filter was not saved:', error))
  }
  const offView = useViewStore.subscribe((state, previous) => {
    if (!restored || state.filter === previous.filter) return
    if (timer !== null) clearTimeout(timer)
    timer = setTimeout(save, SAVE_DELAY_MS)
  })
  // A filter cleared just before the window closes (or reloads) is saved then, not lost with the debounce.
  const flush = () => {
    if (timer === null) return
    clearTimeout(timer)
    save()
  }
  globalThis.addEventListener?.('pagehide', flush)

  return () => {
    offSettings()
    offView()
    globalThis.removeEventListener?.('pagehide', flush)
    if (timer !== null) clearTimeout(timer)
  }
}
