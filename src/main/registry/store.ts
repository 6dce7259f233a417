import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { writeFileAtomic } from '../core/atomic-file'
import { dataDir } from '../core/data-dir'
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

export function loadActiveRegistry(dir: string = dataDir()): ActiveRegistry {
  const path = userRegistryPath(dir)
  if (existsSync(path)) {
    try {
      return { registry: new Registry(decodeRegistry(JSON.parse(readFileSync(path, 'utf8')))), warning: null }
    } catch (error) {
      const warning = `the imported registry at ${path} is unreadable (${(error as Error).message}); using the bundled snapshot`
      return { registry: new Registry(bundledRegistryData()), warning }
    }
  }
  return { registry: new Registry(bundledRegistryData()), warning: null }
}

export function loadRegistry(dir: string = dataDir()): Registry {
  return loadActiveRegistry(dir).registry
}

export function saveUserRegistry(data: RegistryData, dir: string = dataDir()): void {
  writeFileAtomic(userRegistryPath(dir), JSON.stringify(encodeRegistry(data)))
}
