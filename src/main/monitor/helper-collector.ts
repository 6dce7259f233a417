import { timingSafeEqual } from 'node:crypto'
import type { Readable, Writable } from 'node:stream'
import { UNCHANGED, errorMessage, type Collection, type CollectOptions, type Collector, type SocketRecord } from './collector'
import {
  HELPER_PROTOCOL_VERSION,
  HelloSchema,
  LineSplitter,
  LineTooLongError,
  MAX_HELPER_LINE_CHARS,
  parseMessage,
  ReplySchema,
  type HelperHello,
  type PollRequest,
} from './helper-protocol'
import { checkRecords } from './records'

export interface HelperCollectorOptions {
  /** What the helper writes (its stdout, or the socket it connected back on). */
  input: Readable
  /** Where poll requests go (its stdin, or that socket). */
  output: Writable
  /** The token a connected-back helper must greet with; null for a helper whose stdio we hold. */
  token: string | null
  maxLineChars?: number
  /** A helper that has not greeted by then is given up. */
  helloTimeoutMs?: number
  /** Called once when the helper is given up (closed, died, misbehaved): end what runs it. */
  onEnd?: (reason: Error) => void
}

interface Pending {
  /** UNCHANGED when the helper said its records are those of its last reply (kept in `last`). */
  resolve(collection: Collection): void
  reject(error: Error): void
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/** Only the fields a SocketRecord has: nothing else the helper sent is kept. */
function cleanRecord(r: SocketRecord): SocketRecord {
  return {
    protocol: r.protocol, family: r.family, address: r.address, port: r.port, state: r.state,
    remoteAddress: r.remoteAddress ?? null, remotePort: r.remotePort, pid: r.pid, process: r.process, uid: r.uid ?? null,
  }
}

/**
 * The sockets as an elevated helper sees them (`portolan helper`, see helper-server.ts). Every line it
 * sends is checked as untrusted input; the first malformed, over-long or unexpected one, or the end of
 * its stream, gives the helper up for good (`failure` says why) and every later collection fails, so
 * the caller can fall back to its own collector.
 */
export class HelperCollector implements Collector {
  /** Settles when the helper has greeted (with the right token); rejects with why it was given up. */
  readonly ready: Promise<HelperHello>
  private hello: HelperHello | null = null
  private failed: Error | null = null
  private readonly pending = new Map<number, Pending>()
  private nextId = 1
  /** The helper's last records: it answers "unchanged" relative to them. Frozen, so it can be reused. */
  private last: SocketRecord[] | null = null
  private readonly splitter: LineSplitter
  private readonly helloTimer: NodeJS.Timeout
  private greeted!: (hello: HelperHello) => void
  private refused!: (error: Error) => void

  constructor(private readonly options: HelperCollectorOptions) {
    this.splitter = new LineSplitter(options.maxLineChars ?? MAX_HELPER_LINE_CHARS)
    this.ready = new Promise<HelperHello>((resolve, reject) => {
      this.greeted = resolve
      this.refused = reject
    })
    this.ready.catch(() => undefined)
    this.helloTimer = setTimeout(() => this.fail(new Error('the elevated helper did not greet in time')), options.helloTimeoutMs ?? 30_000)
    this.helloTimer.unref()
    options.input.setEncoding('utf8')
    options.input.on('data', (chunk: string) => this.receive(chunk))
    options.input.on('error', (error) => this.fail(new Error(`the elevated helper's stream failed: ${error.message}`)))
    options.input.on('close', () => this.fail(new Error('the elevated helper stopped')))
    options.input.on('end', () => this.fail(new Error('the elevated helper stopped')))
    // A helper that has exited may show it first as a broken pipe, before its output ends: the same news.
    options.output.on('error', (error: NodeJS.ErrnoException) =>
      this.fail(new Error(error.code === 'EPIPE' || error.code === 'ECONNRESET' ? 'the elevated helper stopped' : `cannot write to the elevated helper: ${error.message}`)),
    )
  }

  get name(): string {
    return this.hello ? `${this.hello.collector} via elevated helper` : 'elevated helper'
  }

  /** True once a helper running as root (or administrator) has greeted. */
  get privileged(): boolean {
    return this.hello?.privileged === true
  }

  /** Why the helper was given up, or null while it is in use. */
  get failure(): Error | null {
    return this.failed
  }

  collect(options: CollectOptions & { lastKept?: false }): Promise<SocketRecord[]>
  collect(options: CollectOptions): Promise<Collection>
  async collect(options: CollectOptions): Promise<Collection> {
    if (this.failed) throw this.failed
    // Once greeted, the request goes out before collect returns.
    const answer = this.hello ? this.request(options) : this.ready.then(() => this.request(options))
    const collection = await answer
    if (collection !== UNCHANGED || options.lastKept) return collection
    // The caller kept nothing: the records the helper's "unchanged" stands for.
    if (!this.last) throw new Error('"unchanged" before any records')
    return this.last
  }

  private request({ includeConnections, signal }: CollectOptions): Promise<Collection> {
    if (this.failed) return Promise.reject(this.failed)
    if (signal.aborted) return Promise.reject(new Error('the collection was abandoned'))
    const id = this.nextId++
    return new Promise<Collection>((resolve, reject) => {
      const onAbort = (): void => {
        this.pending.delete(id)
        reject(new Error('the collection was abandoned'))
      }
      signal.addEventListener('abort', onAbort, { once: true })
      const settle = (): void => {
        signal.removeEventListener('abort', onAbort)
        this.pending.delete(id)
      }
      this.pending.set(id, {
        resolve: (collection) => { settle(); resolve(collection) },
        reject: (error) => { settle(); reject(error) },
      })
      const request: PollRequest = { v: HELPER_PROTOCOL_VERSION, kind: 'poll', id, all: includeConnections }
      this.options.output.write(`${JSON.stringify(request)}\n`)
    })
  }

  close(): void {
    this.fail(new Error('the elevated helper was closed'))
  }

  private receive(chunk: string): void {
    if (this.failed) return
    try {
      for (const line of this.splitter.push(chunk)) {
        this.handle(line)
        if (this.failed) return
      }
    } catch (error) {
      const what = error instanceof LineTooLongError ? error.message : errorMessage(error)
      this.fail(new Error(`the elevated helper sent ${what}; it was stopped`))
    }
  }

  private handle(line: string): void {
    if (!this.hello) {
      const hello = parseMessage(line, HelloSchema, 'its greeting')
      if (this.options.token !== null && !sameToken(hello.token ?? '', this.options.token)) throw new Error('a greeting without the right token')
      this.hello = hello
      clearTimeout(this.helloTimer)
      this.greeted(hello)
      return
    }
    const reply = parseMessage(line, ReplySchema, 'a reply')
    if (reply.id >= this.nextId) throw new Error(`a reply to request ${reply.id}, which was never sent`)
    if (reply.kind === 'records') {
      // Kept even when its request was abandoned: the next "unchanged" refers to it.
      this.last = Object.freeze(checkRecords(reply.records, 'a reply').map(cleanRecord)) as SocketRecord[]
    } else if (reply.kind === 'unchanged' && !this.last) {
      throw new Error('"unchanged" before any records')
    }
    const pending = this.pending.get(reply.id)
    if (!pending) return // a reply to a collection already given up
    if (reply.kind === 'error') pending.reject(new Error(`the elevated helper could not collect: ${reply.message}`))
    else pending.resolve(reply.kind === 'unchanged' ? UNCHANGED : this.last!)
  }

  private fail(reason: Error): void {
    if (this.failed) return
    this.failed = reason
    clearTimeout(this.helloTimer)
    this.refused(reason)
    for (const pending of this.pending.values()) pending.reject(reason)
    this.pending.clear()
    this.options.input.destroy()
    this.options.output.destroy()
    this.options.onEnd?.(reason)
  }
}
