import { missingOwnerText } from '../shared/owner'
import { endpoint } from '../shared/endpoint'
import { printable } from '../shared/printable'
import type { Row } from '../shared/row'

/** Who holds a socket, or why we cannot tell. */
export function ownerText(row: Row): string {
  if (row.pid !== null) return `${row.process ?? '?'} (${row.pid})`
  return missingOwnerText(row) ?? row.process ?? '-'
}

/** loopback, specific, all; "all+v4" for a `::` socket that accepts IPv4 too. */
export function exposureText(row: Row): string {
  return row.dualStack ? `${row.exposure}+v4` : row.exposure
}

export function formatTable(rows: readonly Row[]): string {
  const showRemote = rows.some((r) => r.remotePort !== null)
  const header = ['PROTO', 'LOCAL ADDRESS', 'PORT', 'SERVICE', ...(showRemote ? ['REMOTE'] : []), 'STATE', 'EXPOSURE', 'PROCESS (PID)']
  const lines = rows.map((r) => cells(r, showRemote))
  const table = [header, ...lines]
  const widths = header.map((_, col) => Math.max(...table.map((line) => line[col]?.length ?? 0)))
  const rightAligned = new Set([2])
  return table
    .map((line) =>
      line.map((cell, col) => (col === line.length - 1 ? cell : rightAligned.has(col) ? cell.padStart(widths[col] ?? 0) : cell.padEnd(widths[col] ?? 0))).join('  '),
    )
    .join('\n')
}

/** One row's cells, escaped: a process name may hold ESC sequences or newlines that would fake rows. */
function cells(r: Row, showRemote: boolean): string[] {
  return [
    `${r.protocol}${r.family === 6 ? '6' : ''}`,
    r.address,
    String(r.port),
    r.service ?? '-',
    ...(showRemote ? [r.remotePort === null ? '-' : endpoint(r.remoteAddress ?? '?', r.remotePort)] : []),
    r.state,
    exposureText(r),
    ownerText(r),
  ].map(printable)
}

export function sortRows(rows: readonly Row[]): Row[] {
  return [...rows].sort((a, b) => a.port - b.port || a.protocol.localeCompare(b.protocol) || a.address.localeCompare(b.address) || (a.pid ?? 0) - (b.pid ?? 0))
}
