import { renameSync } from 'node:fs'
import * as v from 'valibot'
import { describeIssues, oneLine } from '../../shared/validate'
import { writeFileAtomic } from './atomic-file'
import { readRegularFileSync } from './regular-file'

export interface Loaded<T> {
  value: T
  /** Set when the file was unreadable and moved aside, or partly unusable: tell the user. */
  notice: string | null
}

/** Portolan's own files are small (the imported registry, the largest, is a few MB). */
export const MAX_JSON_FILE_BYTES = 64 * 1024 * 1024

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

/** What a salvaging decoder kept, and (one line) what it had to leave out. */
export interface Salvaged<T> {
  value: T
  dropped: string | null
}

/** loadJsonFile with any decoder: `decode` throws, with a one-line message, on content it refuses. */
export function loadDecodedFile<T>(path: string, decode: (json: unknown) => T, defaults: T, options: DecodeOptions = {}): Loaded<T> {
  return loadSalvagedFile(path, (json) => ({ value: decode(json), dropped: null }), defaults, options)
}

/**
 * loadDecodedFile for files of many independent entries: `decode` keeps the good ones and says what it
 * dropped. The file is then copied aside as it was, so nothing is lost when the good part is saved back.
 */
export function loadSalvagedFile<T>(path: string, decode: (json: unknown) => Salvaged<T>, defaults: T, options: DecodeOptions = {}): Loaded<T> {
  const defaultsName = options.defaultsName ?? 'defaults'
  const aside = `${path}.corrupt-${new Date((options.now ?? Date.now)()).toISOString().replace(/[:.]/g, '-')}`
  let problem: string
  let raw: Buffer
  try {
    raw = readRegularFileSync(path, MAX_JSON_FILE_BYTES)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { value: defaults, notice: null }
    return moveAside(path, aside, messageOf(error), defaultsName, defaults)
  }
  try {
    const { value, dropped } = decode(JSON.parse(raw.toString('utf8')) as unknown)
    if (dropped === null) return { value, notice: null }
    try {
      writeFileAtomic(aside, raw)
    } catch (error) {
      return { value, notice: `${path}: ${dropped}; kept the rest, but could not save a copy of the file (${messageOf(error)})` }
    }
    return { value, notice: `${path}: ${dropped}; kept the rest and saved the file as it was to ${aside}` }
  } catch (error) {
    problem = messageOf(error)
  }
  return moveAside(path, aside, problem, defaultsName, defaults)
}

function messageOf(error: unknown): string {
  return oneLine(error instanceof Error ? error.message : String(error))
}

function moveAside<T>(path: string, aside: string, problem: string, defaultsName: string, defaults: T): Loaded<T> {
  try {
    renameSync(path, aside)
  } catch (error) {
    return { value: defaults, notice: `${path} is unreadable (${problem}) and could not be moved aside (${messageOf(error)}); using ${defaultsName}` }
  }
  return { value: defaults, notice: `${path} was unreadable (${problem}); moved it to ${aside} and used ${defaultsName}` }
}

export function saveJsonFile(path: string, value: unknown): void {
  writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`)
}
