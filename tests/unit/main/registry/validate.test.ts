import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, assert, describe, expect, it } from 'vitest'
import { MAX_RECORDS, validateImport } from '../../../../src/main/registry/import/validate'
import type { RegistryData, RegistryRecord } from '../../../../src/main/registry/record'
import { bundledRegistryData } from '../../../../src/main/registry/snapshot'
import { loadActiveRegistry, saveUserRegistry, userRegistryPath } from '../../../../src/main/registry/store'
import { updateRegistry } from '../../../../src/main/registry/update'

const bundled = bundledRegistryData()
const yardsticks = { bundledRecords: bundled.records.length, currentAsOf: bundled.asOf }

/** `count` distinct made-up records on top of the real ones, as an inflated fake would have. */
function inflated(count: number, asOf: string): RegistryData {
  const [template] = bundled.records
  assert(template, 'the bundled registry is empty')
  const extra: RegistryRecord[] = Array.from({ length: count }, (_, i) => ({
    ...template, service: `fake-${i}`, low: 1024 + (i % 60000), high: 1024 + (i % 60000), protocol: 'tcp', description: `Fake ${i}`,
  }))
  return { source: 'a fake registry', asOf, records: [...bundled.records, ...extra] }
}

describe('plausibility of an imported registry', () => {
  it('accepts the real registry as it is', () => {
    expect(() => validateImport(bundled, yardsticks)).not.toThrow()
  })

  it('refuses a file with far more records than IANA has ever had', () => {
    expect(() => validateImport(inflated(1_000_000 - bundled.records.length, '2027-01-01'), yardsticks)).toThrow(`1000000 records: IANA's registry has fewer than ${MAX_RECORDS}, so this is not it`)
  })

  it('refuses duplicate records', () => {
    const records = [...bundled.records]
    const copied = records[5000]
    assert(copied)
    // The copy goes in at 100, so the original (now at index 5001) is record 5002, the repeat.
    records.splice(100, 0, { ...copied })
    expect(() => validateImport({ ...bundled, records }, yardsticks)).toThrow(`record 5002 (${copied.service ?? copied.description}) repeats an earlier one: IANA's registry has no duplicates`)
  })

  it('refuses a registry dated before the one in use, unless forced', () => {
    const older = { ...bundled, asOf: '2024-01-01' }
    expect(() => validateImport(older, yardsticks)).toThrow(`the file is dated 2024-01-01, older than the registry in use (${bundled.asOf}); use --force to import it anyway`)
    expect(() => validateImport(older, { ...yardsticks, force: true })).not.toThrow()
  })

  it('the shrink rule measures against the bundled registry, not the one in use', () => {
    // A file a tenth smaller than the bundled registry is refused even when the registry in use is tiny...
    const shrunk = { ...bundled, records: bundled.records.slice(0, Math.floor(bundled.records.length * 0.85)) }
    expect(() => validateImport(shrunk, { ...yardsticks, currentAsOf: '2000-01-01' })).toThrow(/where the registry shipped with Portolan has/)
    // ...and a complete file is accepted even when the registry in use was inflated.
    expect(() => validateImport(bundled, { ...yardsticks, currentAsOf: '2000-01-01' })).not.toThrow()
  })
})

const IANA_XML = join(process.cwd(), '..', 'shared', 'data', 'iana', 'service-names-port-numbers.xml')

describe.skipIf(!existsSync(IANA_XML))('a poisoned import does not lock out the genuine registry (needs ../shared/data/iana)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'portolan-poisoned-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it("IANA's file is accepted over an inflated registry stored earlier (by an older Portolan)", async () => {
    // 45,000 records, dated before IANA's file: what the old importer let in.
    saveUserRegistry(inflated(45_000 - bundled.records.length, '2024-06-01'), dir)
    const current = loadActiveRegistry(dir).registry
    expect(current.records.length).toBe(45_000)
    const updated = await updateRegistry(IANA_XML, { current, dir })
    expect(updated.info()).toMatchObject({ records: 14_533, asOf: '2026-08-17' })
    expect(loadActiveRegistry(dir).registry.records.length).toBe(14_533)
    expect(readFileSync(userRegistryPath(dir), 'utf8')).toContain('"asOf":"2026-08-17"')
  })
})
