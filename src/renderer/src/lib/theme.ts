import type { Settings } from '../../../shared/settings'
import { useSettingsStore } from '../store/settings-store'

/** data-theme on <html>: features.css applies "light" and "dark"; "system" leaves app.css's prefers-color-scheme in charge. */
export function applyTheme(root: HTMLElement, theme: Settings['theme']): void {
  root.dataset.theme = theme
}

/** Keeps <html data-theme> on the saved theme. */
export function startThemeSync(root: HTMLElement): () => void {
  const follow = (settings: Settings | null) => applyTheme(root, settings?.theme ?? 'system')
  follow(useSettingsStore.getState().settings)
  return useSettingsStore.subscribe((state, previous) => {
    if (state.settings?.theme !== previous.settings?.theme) follow(state.settings)
  })
}
