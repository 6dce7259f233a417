import { describe, expect, it } from 'vitest'
import { startSettingsSync, useSettingsStore, type SettingsApi } from '../../../../src/renderer/src/store/settings-store'
import { DEFAULT_SETTINGS, type Settings } from '../../../../src/shared/settings'

function fakeApi(answer: Promise<Settings>) {
  let push: ((settings: Settings) => void) | null = null
  const api: SettingsApi = {
    settings: () => answer,
    onSettings: (cb) => {
      push = cb
      return () => {
        push = null
      }
    },
  }
  return { api, push: (settings: Settings) => push?.(settings), subscribed: () => push !== null }
}

describe('settings store', () => {
  it('loads the settings, then follows pushes until stopped', async () => {
    const fake = fakeApi(Promise.resolve(DEFAULT_SETTINGS))
    const stop = startSettingsSync(fake.api)
    await Promise.resolve()
    await expect.poll(() => useSettingsStore.getState().settings).toEqual(DEFAULT_SETTINGS)
    fake.push({ ...DEFAULT_SETTINGS, theme: 'dark' })
    expect(useSettingsStore.getState().settings?.theme).toBe('dark')
    stop()
    expect(fake.subscribed()).toBe(false)
  })

  it('keeps a push that arrives before the (older) first answer', async () => {
    let answer: (settings: Settings) => void = () => undefined
    const fake = fakeApi(new Promise<Settings>((resolve) => (answer = resolve)))
    const stop = startSettingsSync(fake.api)
    fake.push({ ...DEFAULT_SETTINGS, pollIntervalMs: 5000 })
    answer(DEFAULT_SETTINGS)
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(useSettingsStore.getState().settings?.pollIntervalMs).toBe(5000)
    stop()
  })

  it('keeps the reason when the settings cannot be read', async () => {
    const stop = startSettingsSync(fakeApi(Promise.reject(new Error('bridge closed'))).api)
    await expect.poll(() => useSettingsStore.getState().loadError).toBe('bridge closed')
    stop()
  })
})
