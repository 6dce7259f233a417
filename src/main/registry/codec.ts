import { nameFromPersonId } from './people'
import { RECORD_SOURCES, isTransport, type Reference, type RegistryData, type RegistryRecord } from './record'

// The stored form of a registry (bundled snapshot and the user's imported copy): one tuple per record,
// trailing nulls dropped, so the file stays small and parses in a few milliseconds.

export const REGISTRY_FORMAT = 'portolan-registry/1'

type EncodedReference = [string] | [string, string]
type Cell = string | number | null | EncodedReference[]
export type EncodedRecord = Cell[]
export interface EncodedRegistry {
  format: typeof REGISTRY_FORMAT
  source: string
  asOf: string
  bundled?: boolean
  importedAt?: string
  /** Only the people whose name differs from their id's spelling: the rest read back the same. */
  people?: Record<string, string>
  records: EncodedRecord[]
}

export function encodeRegistry(data: RegistryData): EncodedRegistry {
  const encoded: EncodedRegistry = { format: REGISTRY_FORMAT, source: data.source, asOf: data.asOf, records: [] }
  if (data.bundled) encoded.bundled = true
  if (data.importedAt) encoded.importedAt = data.importedAt
  const people = [...(data.people ?? new Map<string, string>())].filter(([id, name]) => nameFromPersonId(id) !== name)
  if (people.length > 0) encoded.people = Object.fromEntries(people.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
  encoded.records = data.records.map(encodeRecord)
  return encoded
}

function encodeRecord(r: RegistryRecord): EncodedRecord {
  const refs: EncodedReference[] | null = r.references.length ? r.references.map((ref) => (ref.url !== null ? [ref.text, ref.url] : [ref.text])) : null
  const cells: Cell[] = [
    RECORD_SOURCES.indexOf(r.source), r.service, r.low, r.high, r.protocol, r.description, r.assignee, r.contact,
    r.registered, r.modified, refs, r.serviceCode, r.unauthorizedUse, r.notes,
  ]
  while (cells.length > 0 && cells[cells.length - 1] === null) cells.pop()
  return cells
}

export class RegistryFormatError extends Error {
  override name = 'RegistryFormatError'
}

/** Checks every cell's type: the user's copy lives on disk where anything can happen to it. */
export function decodeRegistry(json: unknown): RegistryData {
  if (typeof json !== 'object' || json === null) throw new RegistryFormatError('not a Portolan registry file')
  const { format, source, asOf, records, bundled, importedAt, people } = json as Partial<EncodedRegistry>
  if (format !== REGISTRY_FORMAT) throw new RegistryFormatError(`unknown registry format ${JSON.stringify(format)}`)
  if (typeof source !== 'string' || typeof asOf !== 'string' || !Array.isArray(records)) {
    throw new RegistryFormatError('registry file lacks source, asOf or records')
  }
  const data: RegistryData = { source, asOf, records: records.map((cells, i) => decodeRecord(cells, i)) }
  if (people !== undefined) data.people = decodePeople(people)
  if (bundled === true) data.bundled = true
  if (typeof importedAt === 'string') data.importedAt = importedAt
  return data
}

function decodePeople(value: unknown): Map<string, string> {
  const people = new Map<string, string>()
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new RegistryFormatError('registry people table is not an object')
  for (const [id, name] of Object.entries(value)) {
    if (typeof name !== 'string') throw new RegistryFormatError(`registry people table: ${JSON.stringify(id)} has no name`)
    people.set(id, name)
  }
  return people
}

// Plain functions, no per-record closures: this runs 14,000 times at every start-up.
function textAt(cells: unknown[], i: number, index: number): string | null {
  const value = cells[i] ?? null
  if (value === null || typeof value === 'string') return value
  throw new RegistryFormatError(`record ${index}, field ${i}: expected text`)
}

function portAt(cells: unknown[], i: number, index: number): number | null {
  const value = cells[i] ?? null
  if (value === null || (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 65535)) return value
  throw new RegistryFormatError(`record ${index}, field ${i}: expected a port`)
}

function decodeRecord(cells: unknown, index: number): RegistryRecord {
  if (!Array.isArray(cells)) throw new RegistryFormatError(`record ${index} is not a list`)
  const source = Number.isInteger(cells[0]) ? RECORD_SOURCES[cells[0] as number] : undefined
  if (source === undefined) throw new RegistryFormatError(`record ${index}: unknown source`)
  const protocol = textAt(cells, 4, index)
  if (protocol !== null && !isTransport(protocol)) throw new RegistryFormatError(`record ${index}: unknown protocol`)
  return {
    source,
    service: textAt(cells, 1, index),
    low: portAt(cells, 2, index),
    high: portAt(cells, 3, index),
    protocol,
    description: textAt(cells, 5, index),
    assignee: textAt(cells, 6, index),
    contact: textAt(cells, 7, index),
    registered: textAt(cells, 8, index),
    modified: textAt(cells, 9, index),
    references: decodeReferences(cells[10], index),
    serviceCode: textAt(cells, 11, index),
    unauthorizedUse: textAt(cells, 12, index),
    notes: textAt(cells, 13, index),
  }
}

const NO_REFERENCES: Reference[] = []

function decodeReferences(value: unknown, index: number): Reference[] {
  if (value === undefined || value === null) return NO_REFERENCES
  if (!Array.isArray(value)) throw new RegistryFormatError(`record ${index}: references are not a list`)
  return value.map((ref: unknown) => {
    if (!Array.isArray(ref) || typeof ref[0] !== 'string' || (ref[1] !== undefined && typeof ref[1] !== 'string')) {
      throw new RegistryFormatError(`record ${index}: malformed reference`)
    }
    return { text: ref[0], url: (ref[1] as string | undefined) ?? null }
  })
}
