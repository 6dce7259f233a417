import type { PortolanApi, Unsubscribe } from '../../../shared/ipc'
import type { Family, Protocol } from '../../../shared/row'
import type { Settings } from '../../../shared/settings'
import type { RowFilter } from './row-filter'
import { useSettingsStore } from './settings-store'
import { useViewStore } from './view-store'

export type SavedFilters = Settings['filters']

/** The view's filter as settings store it (booleans instead of sets). */
export function toSavedFilters(filter: RowFilter): SavedFilters {
  return {
    text: filter.text,
    tcp: filter.protocols.has('tcp'),
    udp: filter.protocols.has('udp'),
    ipv4: filter.families.has(4),
    ipv6: filter.families.has(6),
    exposedOnly: filter.exposedOnly,
  }
}

export function fromSavedFilters(saved: SavedFilters): RowFilter {
  const protocols = new Set<Protocol>()
  if (saved.tcp) protocols.add('tcp')
  if (saved.udp) protocols.add('udp')
  const families = new Set<Family>()
  if (saved.ipv4) families.add(4)
  if (saved.ipv6) families.add(6)
  return { text: saved.text, protocols, families, exposedOnly: saved.exposedOnly }
}

export function sameFilters(a: SavedFilters, b: SavedFilters): boolean {
  return a.text === b.text && a.tcp === b.tcp && a.udp === b.udp && a.ipv4 === b.ipv4 && a.ipv6 === b.ipv6 && a.exposedOnly === b.exposedOnly
}

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
    useViewStore.setState({ filter: fromSavedFilters(settings.filters) })
  }
  restore(useSettingsStore.getState().settings)
  const offSettings = useSettingsStore.subscribe((state) => restore(state.settings))

  const offView = useViewStore.subscribe((state, previous) => {
    if (!restored || state.filter === previous.filter) return
    if (timer !== null) clearTimeout(timer)
    timer = setTimeout(() => {
      timer = null
      const saved = useSettingsStore.getState().settings?.filters
      const wanted = toSavedFilters(useViewStore.getState().filter)
      if (saved && sameFilters(saved, wanted)) return
      api.updateSettings({ filters: wanted }).catch((error: unknown) => console.warn('portolan: the filter was not saved:', error))
    }, SAVE_DELAY_MS)
  })

  return () => {
    offSettings()
    offView()
    if (timer !== null) clearTimeout(timer)
  }
}
