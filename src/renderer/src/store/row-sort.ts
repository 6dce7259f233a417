import type { Row } from '../../../shared/row'
import type { ColumnId } from '../../../shared/settings'
import { describeExposure, describeOwner, describeProtocol } from '../lib/format'
import { commandText, connectionsOf, describeState, remoteText } from '../lib/row-text'
import type { TrackedRow } from './row-model'
import { startedByCell } from '../lib/provenance-text'

// The table's sort order, kept here instead of in TanStack Table's row model: rebuilding that model
// (an object per row per feature, then a full sort) on every 500-row delta over 10,000 rows cost tens
// of milliseconds and most of the garbage collection the profile showed. The semantics are TanStack's
// (text compares lowercased, desc inverts the whole comparison, ties keep the table's arrival order),
// so the order users see did not change.

export interface ColumnSort {
  id: ColumnId
  desc: boolean
}
export type SortingState = ColumnSort[]

type SortKey = string | number | null
type Compare = 'basic' | 'nullsLast'

interface SortSpec {
  key(row: Row): SortKey
  compare: Compare
}

/** The container column's text: "name (image)", or empty for a socket no container publishes. */
export function containerText(row: Row): string {
  return row.container ? `${row.container.name} (${row.container.image})` : ''
}

const text = (value: (row: Row) => string): SortSpec => ({ key: (row) => value(row).toLowerCase(), compare: 'basic' })

const SORT_SPECS: Readonly<Record<ColumnId, SortSpec>> = {
  protocol: text(describeProtocol),
  address: text((row) => row.address),
  port: { key: (row) => row.port, compare: 'basic' },
  remote: text(remoteText),
  service: text((row) => row.service ?? ''),
  label: text((row) => row.label ?? ''),
  exposure: text((row) => describeExposure(row.exposure)),
  process: text(describeOwner),
  // Rows without a visible pid sort after all pids (ascending).
  pid: { key: (row) => row.pid, compare: 'nullsLast' },
  state: text(describeState),
  connections: { key: connectionsOf, compare: 'nullsLast' },
  // Ascending = most recently seen first, like an age.
  since: { key: (row) => -row.since, compare: 'basic' },
  firstSeen: { key: (row) => (row.firstSeen === undefined ? null : -row.firstSeen), compare: 'nullsLast' },
  container: text(containerText),
  command: text(commandText),
  executable: text((row) => row.executable ?? ''),
  user: text((row) => row.user ?? (row.uid === null ? '' : String(row.uid))),
  started: { key: (row) => (row.processStart == null ? null : -row.processStart), compare: 'nullsLast' },
  startedBy: text((row) => startedByCell(row.provenance) ?? ''),
  // Busiest first when descending; rows without activity sort after all measured ones.
  activity: { key: (row) => (row.activity ? row.activity.sendRate + row.activity.receiveRate + (row.activity.connections ?? 0) / 1e6 : null), compare: 'nullsLast' },
}

function compareKeys(compare: Compare, a: SortKey, b: SortKey): number {
  if (a === b) return 0
  // Only nullsLast columns have null keys.
  if (a === null) return compare === 'nullsLast' ? 1 : -1
  if (b === null) return compare === 'nullsLast' ? -1 : 1
  return a > b ? 1 : -1
}

interface Entry {
  tracked: TrackedRow
  /** One key per sorting column, computed once per row object. */
  keys: SortKey[]
}

function comparator(sorting: SortingState): (a: Entry, b: Entry) => number {
  const columns = sorting.map((sort) => ({ compare: SORT_SPECS[sort.id].compare, desc: sort.desc }))
  return (a, b) => {
    for (let i = 0; i < columns.length; i += 1) {
      const column = columns[i]
      const x = a.keys[i]
      const y = b.keys[i]
      // entryOf computes one key per sorting column: anything else is a bug, not a tie.
      if (column === undefined || x === undefined || y === undefined) throw new Error('sort keys out of step with the sorting')
      const result = compareKeys(column.compare, x, y)
      if (result !== 0) return column.desc ? -result : result
    }
    return a.tracked.order - b.tracked.order
  }
}

function entryOf(tracked: TrackedRow, sorting: SortingState): Entry {
  return { tracked, keys: sorting.map((sort) => SORT_SPECS[sort.id].key(tracked.row)) }
}

/** Rows in sorted order, plus what the next update needs to avoid sorting everything again. */
export interface SortedRows {
  readonly sorting: SortingState
  /** The rows given, in their given (arrival) order. */
  readonly input: readonly TrackedRow[]
  readonly rows: readonly TrackedRow[]
  readonly entries: readonly Entry[]
}

function sortedFully(input: readonly TrackedRow[], sorting: SortingState): SortedRows {
  const entries = input.map((tracked) => entryOf(tracked, sorting)).sort(comparator(sorting))
  return { sorting, input, entries, rows: entries.map((entry) => entry.tracked) }
}

/** Row objects in `input` that `before` did not hold, and those `before` held that `input` does not. */
interface InputChange {
  fresh: TrackedRow[]
  gone: Set<TrackedRow>
}

/**
 * Both lists are in arrival order (ascending `order`, as the table iterates), so one walk finds the
 * difference without hashing every row. Null when `input` is not in that order (then sort it all).
 */
function inputChange(before: readonly TrackedRow[], input: readonly TrackedRow[]): InputChange | null {
  const fresh: TrackedRow[] = []
  const gone = new Set<TrackedRow>()
  let j = 0
  let lastOrder = -Infinity
  for (const tracked of input) {
    if (tracked.order <= lastOrder) return null
    lastOrder = tracked.order
    let old = before[j]
    while (old !== undefined && old.order < tracked.order) {
      gone.add(old)
      old = before[++j]
    }
    if (old === tracked) j += 1
    else {
      if (old !== undefined && old.order === tracked.order) {
        gone.add(old)
        j += 1
      }
      fresh.push(tracked)
    }
  }
  for (const old of before.slice(j)) gone.add(old)
  return { fresh, gone }
}

/** `kept` and `added`, both sorted, as one sorted list: a binary search per added entry, then copies. */
function merged(kept: readonly Entry[], added: readonly Entry[], compare: (x: Entry, y: Entry) => number): Entry[] {
  const out: Entry[] = []
  let from = 0
  for (const entry of added) {
    let low = from
    let high = kept.length
    while (low < high) {
      const mid = (low + high) >>> 1
      const probe = kept[mid] // low <= mid < high <= kept.length
      if (probe !== undefined && compare(probe, entry) < 0) low = mid + 1
      else high = mid
    }
    for (const keptEntry of kept.slice(from, low)) out.push(keptEntry)
    out.push(entry)
    from = low
  }
  for (const keptEntry of kept.slice(from)) out.push(keptEntry)
  return out
}

/** When more rows than this share of the input are new objects, one full sort is cheaper than a merge. */
const FULL_SORT_SHARE = 0.25

/**
 * `input` (in arrival order) in the order of `sorting`. Given the previous result, only row objects it
 * did not hold are sorted (a delta replaces the object of every row it touches), then merged into the
 * rows kept: about O(N + k log N) for k touched rows instead of O(N log N).
 */
export function updateSortedRows(previous: SortedRows | null, input: readonly TrackedRow[], sorting: SortingState): SortedRows {
  if (!previous || previous.sorting !== sorting) return sortedFully(input, sorting)
  const change = inputChange(previous.input, input)
  if (!change || change.fresh.length > input.length * FULL_SORT_SHARE) return sortedFully(input, sorting)
  const compare = comparator(sorting)
  const { fresh, gone } = change
  const kept = gone.size === 0 ? previous.entries : previous.entries.filter((entry) => !gone.has(entry.tracked))
  const entries = fresh.length === 0 ? kept : merged(kept, fresh.map((tracked) => entryOf(tracked, sorting)).sort(compare), compare)
  return { sorting, input, entries, rows: entries === previous.entries ? previous.rows : entries.map((entry) => entry.tracked) }
}

/** `rows` in the order of `sorting`, as the table lists them (for exports and the like). */
export function sortRows(rows: readonly TrackedRow[], sorting: SortingState): TrackedRow[] {
  return [...updateSortedRows(null, rows, sorting).rows]
}

/**
 * The sorting after a click on a column's header, as TanStack Table did it with sortDescFirst and
 * sort removal off: a click sorts by that column alone (descending if it was sorted ascending, and back),
 * a shift-click adds the column to the sort or flips it in place.
 */
export function nextSorting(current: SortingState, id: ColumnId, multi: boolean): SortingState {
  const existing = current.find((sort) => sort.id === id)
  const desc = existing ? !existing.desc : false
  const toggled = () => current.map((sort) => (sort.id === id ? { id, desc } : sort))
  if (multi && current.length > 0) return existing ? toggled() : [...current, { id, desc }]
  // A plain click on the last sorting column flips it in place; any other replaces the sort.
  return existing && current.at(-1)?.id === id ? toggled() : [{ id, desc }]
}
