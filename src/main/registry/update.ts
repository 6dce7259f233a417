import { isAbsolute, resolve } from 'node:path'
import { dataDir } from '../core/data-dir'
import { isUrl, readSource } from './import/fetch-source'
import { parseIanaRegistry } from './import/parse'
import { validateImport } from './import/validate'
import { Registry } from './model'
import { saveUserRegistry } from './store'

export interface UpdateOptions {
  /** The registry in use: kept if anything goes wrong, and the yardstick for a suspiciously small file. */
  current: Registry
  dir?: string
  fetchImpl?: typeof fetch
}

/**
 * Reads IANA's CSV or XML from a file or URL, validates it, and only then stores it atomically in the data
 * directory. Throws RegistryImportError (and changes nothing) on any failure.
 */
export async function updateRegistry(source: string, options: UpdateOptions): Promise<Registry> {
  const origin = isUrl(source) || isAbsolute(source) ? source : resolve(source)
  const text = await readSource(origin, options.fetchImpl)
  const data = { ...parseIanaRegistry(text, origin, options.current.people), importedAt: new Date().toISOString().slice(0, 10) }
  validateImport(data, options.current.records.length)
  const registry = new Registry(data)
  saveUserRegistry(data, options.dir ?? dataDir())
  return registry
}
