import { join } from 'node:path'
import { writeFileAtomic } from '../storage/atomic-file'
import { dataDir } from '../storage/data-dir'
import { loadDecodedFile } from '../storage/json-file'
import { decodeRegistry, encodeRegistry } from './codec'
import { Registry } from './model'
import type { RegistryData } from './record'
import { bundledRegistryData } from './snapshot'

/** The registry imported from IANA, kept in the user's data directory and used from then on. */
export function userRegistryPath(dir: string = dataDir()): string {
  return join(dir, 'registry', 'iana-registry.json')
}

export interface ActiveRegistry {
  registry: Registry
  /** Why the user's imported copy was not used, when it exists but cannot be read. */
  warning: string | null
}

/** The user's imported copy; an unreadable one is moved aside (with a warning) and the bundled snapshot used. */
export function loadActiveRegistry(dir: string = dataDir()): ActiveRegistry {
  const loaded = loadDecodedFile<RegistryData | null>(userRegistryPath(dir), decodeRegistry, null, { defaultsName: 'the bundled snapshot' })
  return { registry: new Registry(loaded.value ?? bundledRegistryData()), warning: loaded.notice }
}

export function loadRegistry(dir: string = dataDir()): Registry {
  return loadActiveRegistry(dir).registry
}

export function saveUserRegistry(data: RegistryData, dir: string = dataDir()): void {
  writeFileAtomic(userRegistryPath(dir), JSON.stringify(encodeRegistry(data)))
}
