import { existsSync, readFileSync, renameSync } from 'node:fs'
import * as v from 'valibot'
import { describeIssues } from '../../shared/validate'
import { writeFileAtomic } from './atomic-file'

export interface Loaded<T> {
  value: T
  /** Set when the file was unreadable and moved aside: tell the user. */
  notice: string | null
}

/**
 * Reads a JSON file Portolan owns. Missing → the defaults. Unreadable or invalid → the file is moved
 * aside (kept for the user, never deleted), the defaults are used, and a notice says what happened.
 */
export function loadJsonFile<T extends v.GenericSchema>(path: string, schema: T, defaults: v.InferOutput<T>, now: () => number = Date.now): Loaded<v.InferOutput<T>> {
  if (!existsSync(path)) return { value: defaults, notice: null }
  let problem: string
  try {
    const result = v.safeParse(schema, JSON.parse(readFileSync(path, 'utf8')) as unknown)
    if (result.success) return { value: result.output, notice: null }
    problem = describeIssues(result.issues)
  } catch (error) {
    problem = (error as Error).message
  }
  const aside = `${path}.corrupt-${new Date(now()).toISOString().replace(/[:.]/g, '-')}`
  try {
    renameSync(path, aside)
  } catch (error) {
    return { value: defaults, notice: `${path} is unreadable (${problem}) and could not be moved aside (${(error as Error).message}); using defaults` }
  }
  return { value: defaults, notice: `${path} was unreadable (${problem}); moved it to ${aside} and used defaults` }
}

export function saveJsonFile(path: string, value: unknown): void {
  writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`)
}
