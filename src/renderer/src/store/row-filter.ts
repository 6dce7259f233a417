import { PROTOCOLS, type Family, type Protocol, type Row } from '../../../shared/row'
import { describeExposure, describeOwner } from '../lib/format'

export interface RowFilter {
  text: string
  protocols: ReadonlySet<Protocol>
  families: ReadonlySet<Family>
  exposedOnly: boolean
}

export const DEFAULT_FILTER: RowFilter = {
  text: '',
  protocols: new Set<Protocol>(['tcp', 'udp']),
  families: new Set<Family>([4, 6]),
  exposedOnly: false,
}

// Rows are immutable, so each row's searchable text is computed once.
const haystacks = new WeakMap<Row, string>()

/** Everything the text filter looks through, the way the table shows it. */
export function searchText(row: Row): string {
  let text = haystacks.get(row)
  if (text === undefined) {
    text = [
      row.protocol,
      `${row.protocol}${row.family}`,
      row.address,
      String(row.port),
      row.service ?? '',
      row.description ?? '',
      describeOwner(row),
      row.pid === null ? '' : String(row.pid),
      row.state,
      describeExposure(row.exposure),
    ]
      .join('\n')
      .toLowerCase()
    haystacks.set(row, text)
  }
  return text
}

export function isExposed(row: Row): boolean {
  return row.exposure !== 'loopback'
}

/** True when the filter lets every row through (then there is nothing to test, row by row). */
export function matchesEverything(filter: RowFilter): boolean {
  return filter.text.trim() === '' && !filter.exposedOnly && filter.protocols.size === PROTOCOLS.length && filter.families.size === 2
}

/** A predicate for the current filter; whitespace-separated words must all match. */
export function rowMatcher(filter: RowFilter): (row: Row) => boolean {
  const words = filter.text.toLowerCase().split(/\s+/).filter(Boolean)
  return (row) =>
    filter.protocols.has(row.protocol) &&
    filter.families.has(row.family) &&
    (!filter.exposedOnly || isExposed(row)) &&
    words.every((word) => searchText(row).includes(word))
}
