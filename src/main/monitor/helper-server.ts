// The elevated side of "Show all owners": `portolan helper` (the CLI) or the packaged app started with
// --portolan-helper. It collects with the platform's collector and answers the app's poll requests, one
// message per poll. It never opens the data directory, and it ends when the app goes away (stdin or the
// socket closes) or on SIGTERM/SIGINT.
import { spawnSync } from 'node:child_process'
import { closeSync, openSync, readSync } from 'node:fs'
import { connect, isIP, type Socket } from 'node:net'
import { addAbortSignal, type Readable, type Writable } from 'node:stream'
import { parseArgs } from 'node:util'
import { InputError } from '../../shared/validate'
import { errorMessage, type Collector, type SocketRecord } from './collector'
import {
  HELPER_PROTOCOL_VERSION,
  LineSplitter,
  MAX_REQUEST_LINE_CHARS,
  parseMessage,
  PollRequestSchema,
  TOKEN_PATTERN,
  type HelperHello,
  type PollRequest,
} from './helper-protocol'
import { selectCollector } from './select-collector'

/** The switch that turns the app's own executable into the helper (see runHeadlessHelper). */
export const HEADLESS_HELPER_SWITCH = '--portolan-helper'

export interface ServeOptions {
  input: Readable
  output: Writable
  collector: Collector
  /** Sent in the greeting when the helper connected back to the app. */
  token?: string
  signal: AbortSignal
}

/** Whether this process sees every user's socket owners. */
export function isPrivileged(platform: NodeJS.Platform = process.platform): boolean {
  if (platform === 'win32') return spawnSync('net', ['session'], { stdio: 'ignore', windowsHide: true }).status === 0
  return process.getuid?.() === 0
}

function write(output: Writable, line: string): Promise<void> {
  return new Promise((resolve, reject) => {
    output.write(`${line}\n`, (error) => (error ? reject(error) : resolve()))
  })
}

function parseRequest(line: string): PollRequest {
  try {
    return parseMessage(line, PollRequestSchema, 'the request')
  } catch (error) {
    throw new InputError(errorMessage(error))
  }
}

/**
 * Greets, then answers poll requests one at a time until the input ends or `signal` aborts. A request
 * that is not one throws (the caller exits non-zero): a root process does not guess at what it was sent.
 */
export async function serveHelper({ input, output, collector, token, signal }: ServeOptions): Promise<void> {
  const hello: HelperHello = { v: HELPER_PROTOCOL_VERSION, kind: 'hello', ...(token ? { token } : {}), collector: collector.name, privileged: isPrivileged(), pid: process.pid }
  await write(output, JSON.stringify(hello))
  const splitter = new LineSplitter(MAX_REQUEST_LINE_CHARS)
  /** What was sent last, to answer "unchanged" instead of repeating it. */
  const last: { records: SocketRecord[] | null; json: string | null } = { records: null, json: null }
  input.setEncoding('utf8')
  addAbortSignal(signal, input) // SIGTERM ends the wait for the next request
  try {
    for await (const chunk of input.iterator({ destroyOnReturn: false }) as AsyncIterable<string>) {
      for (const line of splitter.push(chunk)) {
        if (signal.aborted) return
        const request = parseRequest(line)
        try {
          const records = await collector.collect({ includeConnections: request.all, signal })
          const json = last.records === records && last.json !== null ? last.json : JSON.stringify(records)
          if (last.json === json) {
            await write(output, JSON.stringify({ v: HELPER_PROTOCOL_VERSION, kind: 'unchanged', id: request.id }))
          } else {
            await write(output, `{"v":${HELPER_PROTOCOL_VERSION},"kind":"records","id":${request.id},"records":${json}}`)
          }
          last.records = records
          last.json = json
        } catch (error) {
          if (signal.aborted) return
          await write(output, JSON.stringify({ v: HELPER_PROTOCOL_VERSION, kind: 'error', id: request.id, message: errorMessage(error).slice(0, 2000) }))
        }
      }
      if (signal.aborted) return
    }
  } catch (error) {
    if (signal.aborted) return
    throw error
  }
}

/** host:port of a loopback address: the helper never sends the machine's sockets anywhere else. */
export function parseLoopback(text: string): { host: string; port: number } {
  const match = /^\[?([^\]]+?)\]?:(\d{1,5})$/.exec(text)
  const port = match ? Number(match[2]) : NaN
  if (!match || !(port >= 1 && port <= 65535)) throw new InputError(`--connect needs host:port, not ${JSON.stringify(text)}`)
  const host = match[1]
  if (host !== '127.0.0.1' && host !== '::1') throw new InputError(`--connect accepts only a loopback address (127.0.0.1 or ::1), not ${JSON.stringify(host)}`)
  return { host: isIP(host) === 6 ? '::1' : host, port }
}

/** The one-time token the app wrote for this helper. Reads a few bytes only, and echoes nothing it read. */
export function readToken(path: string): string {
  let text: string
  try {
    const fd = openSync(path, 'r')
    try {
      const buffer = Buffer.alloc(128)
      text = buffer.toString('utf8', 0, readSync(fd, buffer, 0, buffer.length, 0)).trim()
    } finally {
      closeSync(fd)
    }
  } catch (error) {
    throw new InputError(`cannot read the token file ${path}: ${(error as NodeJS.ErrnoException).code ?? errorMessage(error)}`)
  }
  if (!TOKEN_PATTERN.test(text)) throw new InputError(`${path} does not hold a Portolan helper token`)
  return text
}

function connectTo(host: string, port: number, signal: AbortSignal): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, signal })
    socket.once('connect', () => resolve(socket))
    socket.once('error', (error) => reject(new Error(`cannot connect to Portolan at ${host}:${port}: ${error.message}`)))
  })
}

/**
 * `helper [--connect 127.0.0.1:PORT --token-file FILE]`: without --connect it speaks over stdin/stdout;
 * with it, it connects back to the app (the way every elevation prompt can reach it) and proves itself
 * with the token. Throws InputError on bad usage.
 */
export async function runHelper(args: string[], stop: AbortSignal, makeCollector: () => Collector = () => selectCollector().collector): Promise<number> {
  let values: { connect?: string; 'token-file'?: string }
  try {
    values = parseArgs({ args, options: { connect: { type: 'string' }, 'token-file': { type: 'string' } }, strict: true }).values
  } catch (error) {
    throw new InputError(errorMessage(error).split('\n')[0])
  }
  if ((values.connect === undefined) !== (values['token-file'] === undefined)) throw new InputError('--connect and --token-file go together')
  const target = values.connect === undefined ? null : parseLoopback(values.connect)
  const token = values['token-file'] === undefined ? undefined : readToken(values['token-file'])
  const collector = makeCollector()
  try {
    if (!target) {
      await serveHelper({ input: process.stdin, output: process.stdout, collector, signal: stop })
      return 0
    }
    const socket = await connectTo(target.host, target.port, stop)
    try {
      await serveHelper({ input: socket, output: socket, collector, token, signal: stop })
    } finally {
      socket.destroy()
    }
    return 0
  } finally {
    await collector.close?.()
  }
}

/** Whether this process was started as the headless helper (the app's own executable, elevated). */
export function isHeadlessHelper(argv: readonly string[] = process.argv): boolean {
  return argv.includes(HEADLESS_HELPER_SWITCH)
}

/**
 * The helper inside the app's own executable, for a packaged app (its RunAsNode fuse is off, so it
 * cannot run the CLI as Node). Everything after HEADLESS_HELPER_SWITCH is the helper's arguments;
 * Chromium's switches before it are ignored here. Resolves to the exit code; never touches the app.
 */
export async function runHeadlessHelper(argv: readonly string[] = process.argv): Promise<number> {
  const stop = new AbortController()
  const onSignal = (): void => stop.abort()
  process.once('SIGTERM', onSignal)
  process.once('SIGINT', onSignal)
  try {
    return await runHelper(argv.slice(argv.indexOf(HEADLESS_HELPER_SWITCH) + 1), stop.signal)
  } catch (error) {
    process.stderr.write(`portolan helper: ${errorMessage(error)}\n`)
    return error instanceof InputError ? 2 : 1
  } finally {
    process.off('SIGTERM', onSignal)
    process.off('SIGINT', onSignal)
  }
}
