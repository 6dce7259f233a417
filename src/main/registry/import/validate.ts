import type { RegistryData } from '../record'
import { RegistryImportError } from './errors'

/** IANA's registry has held well over 13,000 records since 2015 and only grows. */
export const MIN_RECORDS = 10_000
/** An update that loses more than this share of the current records is more likely a damaged file. */
export const MAX_SHRINK = 0.1
const ANCHORS: readonly [number, string, string][] = [
  [22, 'tcp', 'ssh'],
  [80, 'tcp', 'http'],
  [443, 'tcp', 'https'],
]

/** Rejects files that parse but cannot be the whole registry (cut short, a different registry, an old excerpt). */
export function validateImport(data: RegistryData, currentRecords: number): void {
  const count = data.records.length
  if (count < MIN_RECORDS) {
    throw new RegistryImportError(`only ${count} records: IANA's registry has more than ${MIN_RECORDS}, so the file is incomplete`)
  }
  if (count < currentRecords * (1 - MAX_SHRINK)) {
    throw new RegistryImportError(`only ${count} records where the registry in use has ${currentRecords}: the file looks incomplete`)
  }
  for (const [port, protocol, service] of ANCHORS) {
    const found = data.records.some((r) => r.low === port && r.protocol === protocol && r.service === service)
    if (!found) throw new RegistryImportError(`no ${service} record for ${port}/${protocol}: this is not the complete IANA registry`)
  }
}
