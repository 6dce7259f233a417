// The line protocol between the app and its elevated helper (`portolan helper`): one JSON object per
// line, both ways. The helper greets once, then answers each poll request with one message. Both ends
// treat what they read as untrusted: the app reads a root process it cannot inspect, and the helper,
// running as root, reads a process of an ordinary user.
import * as v from 'valibot'

export const HELPER_PROTOCOL_VERSION = 1

/** Longest line the app accepts from the helper: ≈100k sockets of JSON. A longer one ends the helper. */
export const MAX_HELPER_LINE_CHARS = 32 * 1024 * 1024
/** Longest request line the helper accepts from the app (requests are tiny). */
export const MAX_REQUEST_LINE_CHARS = 1024

/** The one-time secret that proves a connecting helper was started for this app: 32 random bytes, hex. */
export const TOKEN_PATTERN = /^[0-9a-f]{64}$/

const Version = v.literal(HELPER_PROTOCOL_VERSION)
const RequestId = v.pipe(v.number(), v.safeInteger(), v.minValue(1))

export const HelloSchema = v.strictObject({
  v: Version,
  kind: v.literal('hello'),
  /** Present when the helper connected back over a socket; it must match the app's token. */
  token: v.optional(v.pipe(v.string(), v.regex(TOKEN_PATTERN, 'token is malformed'))),
  collector: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  /** Whether the helper itself can see every user's socket owners (root / administrator). */
  privileged: v.boolean(),
  pid: v.pipe(v.number(), v.safeInteger(), v.minValue(1)),
})
export type HelperHello = v.InferOutput<typeof HelloSchema>

export const ReplySchema = v.variant('kind', [
  v.strictObject({ v: Version, kind: v.literal('records'), id: RequestId, records: v.array(v.unknown()) }),
  /** Nothing changed since the previous records message. */
  v.strictObject({ v: Version, kind: v.literal('unchanged'), id: RequestId }),
  /** This collection failed; the helper keeps running. */
  v.strictObject({ v: Version, kind: v.literal('error'), id: RequestId, message: v.pipe(v.string(), v.maxLength(2000)) }),
])
export type HelperReply = v.InferOutput<typeof ReplySchema>

export const PollRequestSchema = v.strictObject({ v: Version, kind: v.literal('poll'), id: RequestId, all: v.boolean() })
export type PollRequest = v.InferOutput<typeof PollRequestSchema>

/**
 * A parsed, checked message, or why not in one line. The version is checked first, so an app and a
 * helper of different releases say so instead of listing schema problems.
 */
export function parseMessage<T>(line: string, schema: v.GenericSchema<unknown, T>, what: string): T {
  let value: unknown
  try {
    value = JSON.parse(line)
  } catch {
    throw new Error(`${what} is not JSON (starts ${JSON.stringify(line.slice(0, 40))})`)
  }
  if (typeof value === 'object' && value !== null && 'v' in value && value.v !== HELPER_PROTOCOL_VERSION) {
    throw new Error(`${what} speaks protocol version ${JSON.stringify(value.v)}, this Portolan speaks ${HELPER_PROTOCOL_VERSION} (are the app and its CLI the same release?)`)
  }
  const result = v.safeParse(schema, value)
  if (!result.success) {
    const issue = result.issues[0]
    const path = v.getDotPath(issue)
    throw new Error(`${what} is malformed: ${path ? `${path}: ` : ''}${issue.message}`)
  }
  return result.output
}

export class LineTooLongError extends Error {}

/**
 * Splits a text stream into lines, holding at most `maxChars` of an unfinished line: a peer that
 * never sends a newline cannot grow the buffer without bound.
 */
export class LineSplitter {
  private partial = ''

  constructor(private readonly maxChars: number) {}

  /** The complete lines in this chunk (without their newline); throws LineTooLongError past the limit. */
  push(chunk: string): string[] {
    const parts = (this.partial + chunk).split('\n')
    this.partial = parts.pop() ?? ''
    for (const line of parts) if (line.length > this.maxChars) throw this.tooLong()
    if (this.partial.length > this.maxChars) throw this.tooLong()
    return parts.map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line)).filter((line) => line !== '')
  }

  private tooLong(): LineTooLongError {
    this.partial = ''
    return new LineTooLongError(`a line longer than ${this.maxChars.toLocaleString('en-US')} characters`)
  }
}
