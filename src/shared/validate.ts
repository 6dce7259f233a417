import * as v from 'valibot'
import { MAX_PORT, MIN_PORT, type Protocol } from './row'

export const PortSchema = v.pipe(
  v.number('port must be a number'),
  v.integer('port must be a whole number'),
  v.minValue(MIN_PORT, `port must be between ${MIN_PORT} and ${MAX_PORT}`),
  v.maxValue(MAX_PORT, `port must be between ${MIN_PORT} and ${MAX_PORT}`),
)
export const ProtocolSchema = v.picklist(['tcp', 'udp'], 'protocol must be tcp or udp')

export const StoryRequestSchema = v.strictTuple([PortSchema, v.optional(ProtocolSchema)])

export const POLL_INTERVAL_MIN_MS = 250
export const POLL_INTERVAL_MAX_MS = 60_000
export const IntervalSchema = v.pipe(
  v.number('interval must be a number of milliseconds'),
  v.integer('interval must be a whole number of milliseconds'),
  v.minValue(POLL_INTERVAL_MIN_MS, `interval must be at least ${POLL_INTERVAL_MIN_MS} ms`),
  v.maxValue(POLL_INTERVAL_MAX_MS, `interval must be at most ${POLL_INTERVAL_MAX_MS} ms`),
)

export class InputError extends Error {
  override name = 'InputError'
}

const MAX_MESSAGE_LENGTH = 200

/** Error text as one short line: messages quote their input (newlines, control bytes and all). */
export function oneLine(text: string, max = MAX_MESSAGE_LENGTH): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\s\u0000-\u001f\u007f-\u009f]+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat
}

/** First issue of a failed parse, as one sentence (one line, however odd the input it quotes). */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  const first = issues[0]
  if (!first) return 'invalid input'
  const path = first.path?.map((p) => String(p.key)).join('.')
  return oneLine(path ? `${path}: ${first.message}` : first.message)
}

export function parseWith<T extends v.GenericSchema>(schema: T, input: unknown): v.InferOutput<T> {
  const result = v.safeParse(schema, input)
  if (!result.success) throw new InputError(describeIssues(result.issues))
  return result.output
}

/** "80", "80/tcp", "53/UDP" → port and optional protocol. Throws InputError with a one-line reason. */
export function parsePortSpec(text: string): { port: number; protocol: Protocol | null } {
  const match = /^\s*(\d{1,5})(?:\/([A-Za-z]+))?\s*$/.exec(text)
  if (!match) {
    // JSON quoting keeps the message one line whatever the input holds (newlines, control characters).
    throw new InputError(`${JSON.stringify(text)} is not a port: expected a number 0-65535, optionally with /tcp or /udp`)
  }
  const port = Number(match[1])
  if (port > MAX_PORT) throw new InputError(`port ${port} is out of range: ports are 0-65535`)
  const proto = match[2]?.toLowerCase()
  if (proto !== undefined && proto !== 'tcp' && proto !== 'udp') {
    throw new InputError(`unknown protocol "${match[2]}": use tcp or udp`)
  }
  return { port, protocol: proto ?? null }
}

export const LABEL_MAX_LENGTH = 120
export const LABEL_NOTE_MAX_LENGTH = 500

/** A user's label for a port (PortolanApi.setLabel). */
export const PortLabelSchema = v.strictObject({
  port: PortSchema,
  protocol: v.nullable(ProtocolSchema),
  label: v.pipe(v.string('label must be text'), v.trim(), v.minLength(1, 'label must not be empty'), v.maxLength(LABEL_MAX_LENGTH, `label must be at most ${LABEL_MAX_LENGTH} characters`)),
  note: v.nullable(v.pipe(v.string('note must be text'), v.trim(), v.maxLength(LABEL_NOTE_MAX_LENGTH, `note must be at most ${LABEL_NOTE_MAX_LENGTH} characters`))),
})

/** PortolanApi.removeLabel(port, protocol). */
export const RemoveLabelRequestSchema = v.strictTuple([PortSchema, v.nullable(ProtocolSchema)])

/** PortolanApi.updateRegistry(source): an https URL (plain http can be swapped in transit); files only from the CLI. */
export const RegistryUrlSchema = v.pipe(
  v.string('source must be a URL'),
  v.trim(),
  v.maxLength(2048, 'URL is too long'),
  v.regex(/^https:\/\/\S+$/i, 'source must be an https URL'),
)
export const UpdateRegistryRequestSchema = v.strictTuple([RegistryUrlSchema])

export const ROW_ID_MAX_LENGTH = 512
/** A row id (rows.ts rowId) as the page sends it; the pid is always looked up in the main process. */
export const RowIdSchema = v.pipe(
  v.string('row id must be text'),
  v.minLength(1, 'row id must not be empty'),
  v.maxLength(ROW_ID_MAX_LENGTH, `row id must be at most ${ROW_ID_MAX_LENGTH} characters`),
)
/** PortolanApi.describeStopTarget(rowId). */
export const DescribeStopTargetRequestSchema = v.strictTuple([RowIdSchema])
/** PortolanApi.stopProcess(rowId, { force }). */
export const StopProcessRequestSchema = v.strictTuple([
  RowIdSchema,
  v.strictObject({
    force: v.boolean('force must be true or false'),
    scope: v.optional(v.picklist(['process', 'group', 'container'], 'scope must be process, group or container')),
  }),
])
