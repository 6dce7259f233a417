import type { IncomingMessage } from 'node:http'
import { request } from 'node:https'
import { PassThrough, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib'
import { printable } from '../../../shared/printable'
import { oneLine } from '../../../shared/validate'
import { FileRefusedError, readRegularFile } from '../../storage/regular-file'
import { RegistryImportCancelled, RegistryImportError } from './errors'

export const IANA_REGISTRY_XML_URL = 'https://www.iana.org/assignments/service-names-port-numbers/service-names-port-numbers.xml'
/** IANA's XML is about 4 MB; anything far larger is not it. Checked on the wire and after decompression. */
export const MAX_SOURCE_BYTES = 64 * 1024 * 1024
const TIMEOUT_MS = 60_000
const MAX_REDIRECTS = 5

export interface ReadSourceOptions {
  /** Aborting it (Ctrl-C in the CLI) cancels the read or the download. */
  signal?: AbortSignal
  /** Certificates to trust besides the system's (a test's local server). */
  ca?: string | Buffer
  maxBytes?: number
  timeoutMs?: number
}

export function isUrl(source: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(source)
}

/** The text of a local file or an https URL, or a RegistryImportError that says what went wrong. */
export async function readSource(source: string, options: ReadSourceOptions = {}): Promise<string> {
  const maxBytes = options.maxBytes ?? MAX_SOURCE_BYTES
  if (!isUrl(source)) return (await readLocal(source, maxBytes, options.signal)).toString('utf8')
  let url: URL
  try {
    url = new URL(source)
  } catch {
    throw new RegistryImportError(`not a valid URL: ${oneLine(source)}`)
  }
  checkScheme(url)
  const signals = [AbortSignal.timeout(options.timeoutMs ?? TIMEOUT_MS), ...(options.signal ? [options.signal] : [])]
  const signal = AbortSignal.any(signals)
  try {
    return (await download(url, { ca: options.ca, maxBytes, signal }, MAX_REDIRECTS)).toString('utf8')
  } catch (error) {
    if (options.signal?.aborted) throw new RegistryImportCancelled()
    if (error instanceof RegistryImportError) throw error
    if (signal.aborted) throw new RegistryImportError(`${url.href} did not finish within ${Math.round((options.timeoutMs ?? TIMEOUT_MS) / 1000)} s`)
    throw new RegistryImportError(`the download from ${url.href} failed: ${errorText(error)}`)
  }
}

async function readLocal(path: string, maxBytes: number, signal: AbortSignal | undefined): Promise<Buffer> {
  try {
    return await readRegularFile(path, maxBytes, signal)
  } catch (error) {
    if (signal?.aborted) throw new RegistryImportCancelled()
    if (error instanceof FileRefusedError) throw new RegistryImportError(`cannot read ${path}: ${error.message}`)
    throw new RegistryImportError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? errorText(error)}`)
  }
}

/** https only: a registry fetched in the clear can be swapped by anyone on the path. */
function checkScheme(url: URL): void {
  if (url.protocol === 'https:') return
  if (url.protocol === 'http:') throw new RegistryImportError(`plain http is not accepted (${url.href}): use an https URL or a local file`)
  throw new RegistryImportError(`unsupported URL scheme ${url.protocol} (use https or a local file)`)
}

interface DownloadOptions {
  ca: string | Buffer | undefined
  maxBytes: number
  signal: AbortSignal
}

function download(url: URL, options: DownloadOptions, redirectsLeft: number): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const req = request(url, {
      signal: options.signal,
      ca: options.ca,
      headers: { 'accept-encoding': 'gzip, deflate, br', 'user-agent': 'Portolan' },
    })
    req.on('error', (error) => {
      const code = (error as NodeJS.ErrnoException).code
      reject(code && code !== 'ABORT_ERR' ? new RegistryImportError(`cannot reach ${url.href}: ${code}`) : error)
    })
    req.on('response', (response) => {
      handleResponse(url, response, options, redirectsLeft)
        .catch((error: unknown) => {
          req.destroy() // refused or failed: cancel the request, whatever the server still wants to send
          throw error
        })
        .then(resolve, reject)
    })
    req.end()
  })
}

async function handleResponse(url: URL, response: IncomingMessage, options: DownloadOptions, redirectsLeft: number): Promise<Buffer> {
  const status = response.statusCode ?? 0
  const location = response.headers.location
  if (status >= 300 && status < 400 && location) {
    response.resume()
    if (redirectsLeft === 0) throw new RegistryImportError(`${url.href} redirects too many times`)
    const next = new URL(location, url)
    checkScheme(next)
    return download(next, options, redirectsLeft - 1)
  }
  if (status < 200 || status >= 300) {
    // The status text is the server's: one line, escaped, wherever the message is shown (CLI, page, log).
    throw new RegistryImportError(printable(oneLine(`${url.href} answered HTTP ${status} ${response.statusMessage ?? ''}`)))
  }
  const length = Number(response.headers['content-length'] ?? 0)
  if (length > options.maxBytes) throw new RegistryImportError(`${url.href} is ${length} bytes, far larger than IANA's registry`)
  const decoder = decoderFor(response.headers['content-encoding'], url)
  const chunks: Buffer[] = []
  // Both caps while streaming: the wire (an endless body) and the decoded text (a compression bomb). Any
  // stage failing destroys them all, the response included, which cancels the request.
  await pipeline(
    response,
    limit(options.maxBytes, () => new RegistryImportError(`${url.href} sent more than ${options.maxBytes} bytes, far more than IANA's registry`)),
    decoder,
    limit(options.maxBytes, () => new RegistryImportError(`${url.href} unpacks to more than ${options.maxBytes} bytes, far more than IANA's registry`)),
    async (source: AsyncIterable<Buffer>) => {
      for await (const chunk of source) chunks.push(chunk)
    },
  )
  return Buffer.concat(chunks)
}

function decoderFor(encoding: string | undefined, url: URL): Transform {
  switch ((encoding ?? 'identity').trim().toLowerCase()) {
    case 'identity':
      return new PassThrough()
    case 'gzip':
    case 'x-gzip':
      return createGunzip()
    case 'deflate':
      return createInflate()
    case 'br':
      return createBrotliDecompress()
    default:
      throw new RegistryImportError(`${url.href} sent an unknown content encoding ${printable(oneLine(encoding ?? ''))}`)
  }
}

/** A pass-through that fails with `tooLarge()` as soon as more than `maxBytes` went through it; use it on any stream. */
export function limit(maxBytes: number, tooLarge: () => Error): Transform {
  let total = 0
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      total += chunk.length
      if (total > maxBytes) done(tooLarge())
      else done(null, chunk)
    },
  })
}

function errorText(error: unknown): string {
  if (error instanceof Error) return (error as NodeJS.ErrnoException).code ?? error.message
  return String(error)
}
