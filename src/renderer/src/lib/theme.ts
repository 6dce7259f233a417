import type { Settings } from '../../../shared/settings'
import { useSettingsStore } from '../store/settings-store'

/** data-theme on <html>: app.css pins color-scheme for "light" and "dark"; "system" leaves the OS in charge. */
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
