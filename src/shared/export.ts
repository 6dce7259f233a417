import type { Row } from './row'

export type ExportFormat = 'csv' | 'json'

const CSV_COLUMNS: (keyof Row)[] = ['protocol', 'family', 'address', 'port', 'service', 'state', 'pid', 'process', 'exposure', 'range', 'remoteAddress', 'remotePort', 'since']

/** RFC 4180 quoting; a leading =, +, - or @ is prefixed so spreadsheets don't run it as a formula. */
function csvCell(value: unknown): string {
  if (value === null || value === undefined) return ''
  let text = typeof value === 'object' ? JSON.stringify(value) : String(value)
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function rowsToCsv(rows: readonly Row[]): string {
  const lines = [CSV_COLUMNS.join(',')]
  for (const row of rows) lines.push(CSV_COLUMNS.map((column) => csvCell(column === 'since' ? new Date(row.since).toISOString() : row[column])).join(','))
  return `${lines.join('\r\n')}\r\n`
}

export function exportRows(rows: readonly Row[], format: ExportFormat): string {
  return format === 'csv' ? rowsToCsv(rows) : `${JSON.stringify(rows, null, 2)}\n`
}
