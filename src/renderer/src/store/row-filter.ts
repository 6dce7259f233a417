import type { Family, Row } from '../../../shared/row'
import { DEFAULT_SETTINGS, type Settings } from '../../../shared/settings'
import { describeExposure, describeOwner } from '../lib/format'

/** The table's filter, in the one shape the settings save it (so restoring and saving convert nothing). */
export type RowFilter = Settings['filters']

export const DEFAULT_FILTER: RowFilter = DEFAULT_SETTINGS.filters

/** The filter's switch for an address family. */
export function familyKey(family: Family): 'ipv4' | 'ipv6' {
  return family === 4 ? 'ipv4' : 'ipv6'
}

export function sameFilter(a: RowFilter, b: RowFilter): boolean {
  return a.text === b.text && a.tcp === b.tcp && a.udp === b.udp && a.ipv4 === b.ipv4 && a.ipv6 === b.ipv6 && a.exposedOnly === b.exposedOnly
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
  return filter.text.trim() === '' && !filter.exposedOnly && filter.tcp && filter.udp && filter.ipv4 && filter.ipv6
}

/** A predicate for the current filter; whitespace-separated words must all match. */
export function rowMatcher(filter: RowFilter): (row: Row) => boolean {
  const words = filter.text.toLowerCase().split(/\s+/).filter(Boolean)
  return (row) =>
    filter[row.protocol] &&
    filter[familyKey(row.family)] &&
    (!filter.exposedOnly || isExposed(row)) &&
    words.every((word) => searchText(row).includes(word))
}
