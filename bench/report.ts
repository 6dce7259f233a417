import type { Summary } from './stats'

export interface Measurement extends Summary {
  name: string
  n: number
  unit: string
}

const fixed = (value: number): string => (Number.isFinite(value) ? value.toFixed(value < 10 ? 2 : 1) : '-')

/** The human table: one line per measurement. */
export function formatTable(measurements: readonly Measurement[], notes: readonly string[]): string {
  const header = ['measurement', 'n', 'unit', 'median', 'p95']
  const rows = measurements.map((m) => [m.name, String(m.n), m.unit, fixed(m.median), fixed(m.p95)])
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)))
  const line = (cells: string[]): string => cells.map((c, i) => (i < 3 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ')
  return [line(header), ...rows.map(line), '', ...notes].join('\n')
}

export function formatJson(measurements: readonly Measurement[]): string {
  return JSON.stringify({ measurements: measurements.map(({ name, n, unit, median, p95 }) => ({ name, n, unit, median, p95 })) })
}
