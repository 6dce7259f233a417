import { parseFilterQuery, queryMatcher } from '../shared/filter-query'
import type { Protocol, Row } from '../shared/row'
import { parsePortSpec } from '../shared/validate'
import { UsageError } from './usage'

export interface RowSelectionArgs {
  /** `list 3000` or `list 53/udp`. */
  positional?: string
  /** --port 3000 or --port 3000-3999. */
  port?: string
  /** --proc node: part of the process name. */
  proc?: string
}

/**
 * The rows a `list` asks for, read with the page's filter parser (so `--port 3000-3999` means what
 * `port:3000-3999` means in the app). Throws a UsageError with one sentence for what it cannot read.
 */
export function rowSelector({ positional, port, proc }: RowSelectionArgs): (row: Row) => boolean {
  let protocol: Protocol | null = null
  const words: string[] = []
  if (positional !== undefined) {
    const spec = parsePortSpec(positional)
    words.push(`port:${spec.port}`)
    protocol = spec.protocol
  }
  if (port !== undefined) words.push(`port:${port}`)
  if (proc !== undefined) {
    if (proc.trim() === '') throw new UsageError('--proc needs a process name')
    words.push(`"${proc.replace(/"/g, '')}"`)
  }
  const query = parseFilterQuery(words.join(' '))
  const [problem] = query.problems
  if (problem !== undefined) throw new UsageError(problem.replace(/^"port:/, '"--port '))
  // --proc matches the process name only, not every column: swap the quoted text word for a proc: term.
  const terms = query.terms.map((term) => (term.kind === 'text' ? { kind: 'field' as const, key: 'proc' as const, value: term.value, negate: false, source: term.source } : term))
  const matches = queryMatcher({ terms, problems: [] }, () => '')
  return (row) => (protocol === null || row.protocol === protocol) && (matches === null || matches(row))
}
