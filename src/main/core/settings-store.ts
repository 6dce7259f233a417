import { join } from 'node:path'
import { DEFAULT_SETTINGS, SettingsPatchSchema, SettingsSchema, type Settings } from '../../shared/settings'
import { parseWith } from '../../shared/validate'
import { loadJsonFile, saveJsonFile } from '../storage/json-file'

type Listener = (settings: Settings) => void

/** The user's settings in <data dir>/settings.json, validated on load and on every change. */
export class SettingsStore {
  private current: Settings
  readonly notice: string | null
  private readonly listeners = new Set<Listener>()
  private readonly path: string

  constructor(dataDirectory: string) {
    this.path = join(dataDirectory, 'settings.json')
    const loaded = loadJsonFile(this.path, SettingsSchema, DEFAULT_SETTINGS)
    this.current = loaded.value
    this.notice = loaded.notice
  }

  get(): Settings {
    return this.current
  }

  /** Validates the patch (throws InputError), saves atomically, then tells listeners. */
  update(patch: unknown): Settings {
    const valid = parseWith(SettingsPatchSchema, patch)
    const next = parseWith(SettingsSchema, { ...this.current, ...valid })
    saveJsonFile(this.path, next)
    this.current = next
    for (const listener of this.listeners) listener(next)
    return next
  }

  onChange(listener: Listener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}
