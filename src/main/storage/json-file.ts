import { existsSync, readFileSync, renameSync } from 'node:fs'
import * as v from 'valibot'
import { errorText } from '../../shared/error-text'
import { describeIssues, oneLine } from '../../shared/validate'
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
  return loadDecodedFile(path, (json) => {
    const result = v.safeParse(schema, json)
    if (!result.success) throw new Error(describeIssues(result.issues))
    return result.output
  }, defaults, { now })
}

export interface DecodeOptions {
  now?: () => number
  /** What the notice calls the defaults ("defaults" unless said). */
  defaultsName?: string
}

/** loadJsonFile with any decoder: `decode` throws, with a one-line message, on content it refuses. */
export function loadDecodedFile<T>(path: string, decode: (json: unknown) => T, defaults: T, options: DecodeOptions = {}): Loaded<T> {
  if (!existsSync(path)) return { value: defaults, notice: null }
  const defaultsName = options.defaultsName ?? 'defaults'
  let problem: string
  try {
    return { value: decode(JSON.parse(readFileSync(path, 'utf8')) as unknown), notice: null }
  } catch (error) {
    problem = oneLine(errorText(error))
  }
  const aside = `${path}.corrupt-${new Date((options.now ?? Date.now)()).toISOString().replace(/[:.]/g, '-')}`
  try {
    renameSync(path, aside)
  } catch (error) {
    return { value: defaults, notice: `${path} is unreadable (${problem}) and could not be moved aside (${errorText(error)}); using ${defaultsName}` }
  }
  return { value: defaults, notice: `${path} was unreadable (${problem}); moved it to ${aside} and used ${defaultsName}` }
}

export function saveJsonFile(path: string, value: unknown): void {
  writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`)
}
