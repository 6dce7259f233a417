import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SettingsStore } from '../../../../src/main/core/settings-store'
import { DEFAULT_SETTINGS } from '../../../../src/shared/settings'
import { InputError } from '../../../../src/shared/validate'

const fresh = () => mkdtempSync(join(tmpdir(), 'portolan-settings-'))

describe('SettingsStore', () => {
  it('starts from defaults, with alerts off', () => {
    const store = new SettingsStore(fresh())
    expect(store.get()).toEqual(DEFAULT_SETTINGS)
    expect(store.get().alerts.enabled).toBe(false)
    expect(store.notice).toBeNull()
  })

  it('persists a change and reads it back after a restart', () => {
    const dir = fresh()
    const store = new SettingsStore(dir)
    store.update({ pollIntervalMs: 2000, theme: 'dark', alerts: { ...DEFAULT_SETTINGS.alerts, enabled: true, watchedPorts: [22, 3000] } })
    const reopened = new SettingsStore(dir)
    expect(reopened.get().pollIntervalMs).toBe(2000)
    expect(reopened.get().theme).toBe('dark')
    expect(reopened.get().alerts.watchedPorts).toEqual([22, 3000])
    expect(readdirSync(dir)).toEqual(['settings.json'])
  })

  it.each([
    [{ pollIntervalMs: 10 }, /at least 250 ms/],
    [{ theme: 'neon' }, /./],
    [{ alerts: { ...DEFAULT_SETTINGS.alerts, watchedPorts: [70000] } }, /between 0 and 65535/],
    ['not an object', /./],
  ])('rejects %j and keeps what was there', (patch, message) => {
    const dir = fresh()
    const store = new SettingsStore(dir)
    store.update({ theme: 'light' })
    expect(() => store.update(patch)).toThrow(InputError)
    expect(() => store.update(patch)).toThrow(message)
    expect(new SettingsStore(dir).get().theme).toBe('light')
  })

  it.each([
    ['{ "theme": "dark", ', /JSON|Unexpected|end/i],
    ['{"pollIntervalMs": "fast"}', /./],
    ['', /./],
  ])('moves a corrupt file aside, says so, and uses defaults (%j)', (content) => {
    const dir = fresh()
    writeFileSync(join(dir, 'settings.json'), content)
    const store = new SettingsStore(dir)
    expect(store.get()).toEqual(DEFAULT_SETTINGS)
    expect(store.notice).toMatch(/settings\.json was unreadable .*moved it to .*corrupt-/)
    const aside = readdirSync(dir).find((f) => f.startsWith('settings.json.corrupt-'))!
    expect(readFileSync(join(dir, aside), 'utf8')).toBe(content)
  })

  it('tells listeners about changes', () => {
    const store = new SettingsStore(fresh())
    const seen: number[] = []
    store.onChange((s) => seen.push(s.pollIntervalMs))
    store.update({ pollIntervalMs: 500 })
    expect(seen).toEqual([500])
  })
})
