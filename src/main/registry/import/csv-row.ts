import { resolvePeopleField, type PeopleTable } from '../people'
import { isTransport, type RecordSource, type RegistryRecord } from '../record'
import { referencesFromField } from '../references'
import { cleanDate, cleanText, parsePortField } from './text'

/** IANA's twelve CSV columns, in order. */
export const IANA_CSV_COLUMNS = [
  'Service Name',
  'Port Number',
  'Transport Protocol',
  'Description',
  'Assignee',
  'Contact',
  'Registration Date',
  'Modification Date',
  'Reference',
  'Service Code',
  'Unauthorized Use Reported',
  'Assignment Notes',
] as const
export type IanaCsvColumn = (typeof IANA_CSV_COLUMNS)[number]
export type IanaCsvRow = Partial<Record<IanaCsvColumn, string>>

/** One row of IANA's CSV; person ids are named from `people` when it knows them. */
export function recordFromCsvRow(row: IanaCsvRow, source: RecordSource, people?: PeopleTable): RegistryRecord {
  const ports = parsePortField(row['Port Number'])
  const protocol = row['Transport Protocol']?.trim().toLowerCase() ?? ''
  if (protocol && !isTransport(protocol)) throw new Error(`unknown transport protocol "${protocol}"`)
  return {
    service: cleanText(row['Service Name']),
    low: ports?.[0] ?? null,
    high: ports?.[1] ?? null,
    protocol: protocol && isTransport(protocol) ? protocol : null,
    description: cleanText(row.Description),
    assignee: resolvePeopleField(row.Assignee, people),
    contact: resolvePeopleField(row.Contact, people),
    registered: cleanDate(row['Registration Date']),
    modified: cleanDate(row['Modification Date']),
    references: referencesFromField(row.Reference),
    serviceCode: cleanText(row['Service Code']),
    unauthorizedUse: cleanText(row['Unauthorized Use Reported']),
    notes: cleanText(row['Assignment Notes']),
    source,
  }
}
