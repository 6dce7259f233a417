import { isAbsolute, resolve } from 'node:path'
import { dataDir } from '../storage/data-dir'
import { oneLine } from '../../shared/validate'
import { RegistryImportCancelled, RegistryStoreError } from './import/errors'
import { isUrl, readSource } from './import/fetch-source'
import { parseIanaRegistry } from './import/parse'
import { validateImport } from './import/validate'
import { Registry } from './model'
import { bundledRegistryData } from './snapshot'
import { saveUserRegistry, userRegistryPath } from './store'

export interface UpdateOptions {
  /** The registry in use: kept if anything goes wrong; a file dated before it is refused unless `force`. */
  current: Registry
  dir?: string
  /** What a relative file name is relative to; the process's directory when omitted. */
  cwd?: string
  /** Import a file dated before the registry in use. */
  force?: boolean
  /** Cancels the import (Ctrl-C); nothing is stored once it aborted. */
  signal?: AbortSignal
  /** Certificates to trust besides the system's (a test's local https server). */
  ca?: string | Buffer
}

let bundledRecordCount: number | undefined

/** The bundled snapshot's size, the shrink rule's yardstick: read once. */
function bundledRecords(): number {
  bundledRecordCount ??= bundledRegistryData().records.length
  return bundledRecordCount
}

/**
 * Reads IANA's CSV or XML from a file or https URL, validates it, and only then stores it atomically in
 * the data directory. Throws RegistryImportError (and changes nothing) on any failure: RegistryStoreError
 * when only storing failed, RegistryImportCancelled when the signal aborted.
 */
export async function updateRegistry(source: string, options: UpdateOptions): Promise<Registry> {
  const origin = isUrl(source) || isAbsolute(source) ? source : resolve(options.cwd ?? process.cwd(), source)
  const text = await readSource(origin, { signal: options.signal, ca: options.ca })
  if (options.signal?.aborted) throw new RegistryImportCancelled()
  const data = { ...parseIanaRegistry(text, origin, options.current.people), importedAt: new Date().toISOString().slice(0, 10) }
  validateImport(data, { bundledRecords: bundledRecords(), currentAsOf: options.current.asOf, force: options.force })
  const registry = new Registry(data)
  if (options.signal?.aborted) throw new RegistryImportCancelled()
  const dir = options.dir ?? dataDir()
  try {
    saveUserRegistry(data, dir)
  } catch (error) {
    throw new RegistryStoreError(oneLine(`could not store it in ${userRegistryPath(dir)}: ${(error as Error).message}`))
  }
  return registry
}
