import type { RegistryData, RegistryRecord } from '../record'
import { RegistryImportError } from './errors'

/** IANA's registry has held well over 13,000 records since 2015 and only grows. */
export const MIN_RECORDS = 10_000
/** About 14,500 records in 2026, after four decades of growth; several times that is not IANA's file. */
export const MAX_RECORDS = 50_000
/** An update that loses more than this share of the bundled records is more likely a damaged file. */
export const MAX_SHRINK = 0.1
const ANCHORS: readonly [number, string, string][] = [
  [22, 'tcp', 'ssh'],
  [80, 'tcp', 'http'],
  [443, 'tcp', 'https'],
]

export interface ImportYardsticks {
  /** Records in the registry shipped with Portolan: a fixed yardstick no earlier import can have poisoned. */
  bundledRecords: number
  /** The as-of date of the registry in use. */
  currentAsOf: string
  /** Accept a file dated before the registry in use (the user said so: `--force`). */
  force?: boolean
}

/** Two rows that say the very same thing: IANA's file never repeats one, an inflated fake does. */
function recordKey(r: RegistryRecord): string {
  return JSON.stringify([r.service, r.low, r.high, r.protocol, r.description, r.assignee, r.registered, r.notes])
}

/** Rejects files that parse but cannot be the whole, current registry (cut short, inflated, older, another registry). */
export function validateImport(data: RegistryData, yardsticks: ImportYardsticks): void {
  const count = data.records.length
  if (count < MIN_RECORDS) {
    throw new RegistryImportError(`only ${count} records: IANA's registry has more than ${MIN_RECORDS}, so the file is incomplete`)
  }
  if (count > MAX_RECORDS) {
    throw new RegistryImportError(`${count} records: IANA's registry has fewer than ${MAX_RECORDS}, so this is not it`)
  }
  if (count < yardsticks.bundledRecords * (1 - MAX_SHRINK)) {
    throw new RegistryImportError(`only ${count} records where the registry shipped with Portolan has ${yardsticks.bundledRecords}: the file looks incomplete`)
  }
  const seen = new Set<string>()
  for (const [index, record] of data.records.entries()) {
    const key = recordKey(record)
    if (seen.has(key)) {
      const what = record.service ?? record.description ?? 'a record'
      throw new RegistryImportError(`record ${index + 1} (${what}) repeats an earlier one: IANA's registry has no duplicates`)
    }
    seen.add(key)
  }
  for (const [port, protocol, service] of ANCHORS) {
    const found = data.records.some((r) => r.low === port && r.protocol === protocol && r.service === service)
    if (!found) throw new RegistryImportError(`no ${service} record for ${port}/${protocol}: this is not the complete IANA registry`)
  }
  if (!yardsticks.force && data.asOf < yardsticks.currentAsOf) {
    throw new RegistryImportError(`the file is dated ${data.asOf}, older than the registry in use (${yardsticks.currentAsOf}); use --force to import it anyway`)
  }
}
