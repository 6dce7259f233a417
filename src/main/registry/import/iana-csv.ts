import { parse } from 'csv-parse/sync'
import type { PeopleTable } from '../people'
import type { RegistryData } from '../record'
import { IANA_CSV_COLUMNS, recordFromCsvRow, type IanaCsvRow } from './csv-row'
import { RegistryImportError } from './errors'

/**
 * IANA's CSV (RFC 4180, quoted multi-line fields). It has no people table: ids are named from `people` (the
 * registry in use, which came from IANA's XML) and only ids it does not know are read by their spelling.
 */
export function parseIanaCsv(text: string, origin: string, people: PeopleTable = new Map()): RegistryData {
  let rows: string[][]
  try {
    rows = parse(text, { bom: true, relax_column_count: false, skip_empty_lines: true })
  } catch (error) {
    throw new RegistryImportError(`the CSV is malformed or truncated: ${(error as Error).message}`)
  }
  const [header, ...body] = rows
  if (!header || header.join(',') !== IANA_CSV_COLUMNS.join(',')) {
    throw new RegistryImportError(`not IANA's port registry CSV: expected the columns ${IANA_CSV_COLUMNS.join(', ')}`)
  }
  const records = body.map((cells, index) => {
    const row: IanaCsvRow = Object.fromEntries(IANA_CSV_COLUMNS.map((column, i) => [column, cells[i]]))
    try {
      return recordFromCsvRow(row, 'iana', people)
    } catch (error) {
      throw new RegistryImportError(`CSV line ${index + 2}: ${(error as Error).message}`)
    }
  })
  return { source: `IANA CSV (${origin})`, asOf: newestDate(records.flatMap((r) => [r.registered, r.modified])), records, people }
}

/** The CSV carries no publication date; its newest registration or modification date is the best stand-in. */
export function newestDate(dates: (string | null)[]): string {
  const newest = dates.filter((d): d is string => d !== null).sort().at(-1)
  if (!newest) throw new RegistryImportError('the file carries no dates at all, so it cannot be IANA\'s registry')
  return newest.length === 7 ? `${newest}-01` : newest
}
