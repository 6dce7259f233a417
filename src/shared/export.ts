import { commandLineText } from './command-line'
import { endpoint } from './endpoint'
import { missingOwnerText } from './owner'
import type { Row } from './row'

export type ExportFormat = 'csv' | 'json'

const CSV_COLUMNS = [
  'protocol', 'family', 'address', 'port', 'service', 'state', 'pid', 'process', 'exposure', 'range', 'remoteAddress', 'remotePort', 'remoteHost',
  'since', 'firstSeen', 'commandLine', 'executable', 'user', 'processStart',
] as const satisfies readonly (keyof Row)[]

const TIMES: ReadonlySet<string> = new Set(['since', 'firstSeen', 'processStart'])

/** A row's field as the CSV writes it: times in ISO 8601, the command line as one shell-quoted line. */
function csvValue(row: Row, column: (typeof CSV_COLUMNS)[number]): unknown {
  const value = row[column]
  if (value === null || value === undefined) return null
  if (TIMES.has(column)) return new Date(value as number).toISOString()
  if (column === 'commandLine') return commandLineText(row.commandLine)
  return value
}

/** RFC 4180 quoting; a leading =, +, - or @ is prefixed so spreadsheets don't run it as a formula. */
function csvCell(value: unknown): string {
  if (value === null || value === undefined) return ''
  let text = typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value)
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function rowsToCsv(rows: readonly Row[]): string {
  const lines = [CSV_COLUMNS.join(',')]
  for (const row of rows) lines.push(CSV_COLUMNS.map((column) => csvCell(csvValue(row, column))).join(','))
  return `${lines.join('\r\n')}\r\n`
}

export function exportRows(rows: readonly Row[], format: ExportFormat): string {
  return format === 'csv' ? rowsToCsv(rows) : `${JSON.stringify(rows, null, 2)}\n`
}

/** The columns of copied rows, as a spreadsheet or a text editor takes them. */
const TSV_COLUMNS: readonly [string, (row: Row) => string | number | null | undefined][] = [
  ['Proto', (row) => `${row.protocol}${row.family === 6 ? '6' : ''}`],
  ['Address', (row) => row.address],
  ['Port', (row) => row.port],
  ['Remote', (row) => (row.remotePort === null ? '' : endpoint(row.remoteAddress ?? '?', row.remotePort))],
  ['State', (row) => row.state],
  ['Service', (row) => row.service],
  ['PID', (row) => row.pid],
  ['Process', (row) => row.process ?? missingOwnerText(row)],
  ['User', (row) => row.user ?? (row.uid === null ? null : String(row.uid))],
  ['Exposure', (row) => row.exposure],
  ['Command line', (row) => commandLineText(row.commandLine)],
]

/** Tabs and line breaks inside a value would split it into cells or rows: they become spaces. */
function tsvCell(value: string | number | null | undefined): string {
  return value === null || value === undefined ? '' : String(value).replace(/[\t\r\n]+/g, ' ')
}

/** Rows as tab-separated text with a header line (what Ctrl/Cmd+C puts on the clipboard). */
export function rowsToTsv(rows: readonly Row[]): string {
  const lines = [TSV_COLUMNS.map(([header]) => header).join('\t')]
  for (const row of rows) lines.push(TSV_COLUMNS.map(([, value]) => tsvCell(value(row))).join('\t'))
  return `${lines.join('\n')}\n`
}
