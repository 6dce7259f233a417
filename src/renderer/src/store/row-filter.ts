import type { Family, Row } from '../../../shared/row'
import { DEFAULT_SETTINGS, type Settings } from '../../../shared/settings'
import { parseFilterQuery, queryMatcher, type FilterQuery } from '../../../shared/filter-query'
import { describeExposure, describeOwner } from '../lib/format'
import { commandText, describeState, remoteText } from '../lib/row-text'

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
      describeState(row),
      describeExposure(row.exposure),
      row.dualStack ? 'ipv4 too' : '',
      row.label ?? '',
      remoteText(row),
      row.remoteHost ?? '',
      commandText(row),
      row.user ?? '',
      row.container ? `${row.container.name} ${row.container.image}` : '',
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

/** Whether the family switches let the row through: a dual-stack `::` socket counts under IPv4 too. */
export function familyAllowed(filter: RowFilter, row: Row): boolean {
  return filter[familyKey(row.family)] || (row.dualStack === true && filter.ipv4)
}

// The last query parsed: typing changes the text one character at a time, and each is parsed once.
let lastQuery: { text: string; query: FilterQuery } | null = null

/** The filter text read as a query (`:3000`, `proc:node`, `-proc:chrome`, plain words). */
export function filterQuery(filter: RowFilter): FilterQuery {
  if (lastQuery?.text !== filter.text) lastQuery = { text: filter.text, query: parseFilterQuery(filter.text) }
  return lastQuery.query
}

/** True when the filter lets every row through (then there is nothing to test, row by row). */
export function matchesEverything(filter: RowFilter): boolean {
  return filterQuery(filter).terms.length === 0 && !filter.exposedOnly && filter.tcp && filter.udp && filter.ipv4 && filter.ipv6
}

/** A predicate for the current filter: the switches, then the query (every word must match). */
export function rowMatcher(filter: RowFilter): (row: Row) => boolean {
  const query = queryMatcher(filterQuery(filter), searchText)
  return (row) => filter[row.protocol] && familyAllowed(filter, row) && (!filter.exposedOnly || isExposed(row)) && (query === null || query(row))
}
