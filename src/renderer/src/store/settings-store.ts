import { create } from 'zustand'
import type { PortolanApi, Unsubscribe } from '../../../shared/ipc'
import type { Settings } from '../../../shared/settings'
import { errorText } from '../lib/error-text'

export interface SettingsState {
  /** Null until the first answer from main arrives (or when it failed: see loadError). */
  settings: Settings | null
  loadError: string | null
}

/** The user's settings as main last reported them; main is the only writer (updateSettings → onSettings). */
export const useSettingsStore = create<SettingsState>()(() => ({ settings: null, loadError: null }))

export type SettingsApi = Pick<PortolanApi, 'settings' | 'onSettings'>

/** Loads the settings and follows every change main pushes; returns the unsubscribe. */
export function startSettingsSync(api: SettingsApi): Unsubscribe {
  // Subscribe before asking, so a change made while the first answer is in flight is not lost;
  // a push seen before the answer wins over that (older) answer.
  let pushed = false
  const off = api.onSettings((settings) => {
    pushed = true
    useSettingsStore.setState({ settings, loadError: null })
  })
  api.settings().then(
    (settings) => {
      if (!pushed) useSettingsStore.setState({ settings, loadError: null })
    },
    (error: unknown) => useSettingsStore.setState({ loadError: errorText(error) }),
  )
  return off
}
