import { readFile } from 'node:fs/promises'
import { oneLine } from '../../../shared/validate'
import { RegistryImportError } from './errors'

export const IANA_REGISTRY_XML_URL = 'https://www.iana.org/assignments/service-names-port-numbers/service-names-port-numbers.xml'
/** IANA's XML is about 4 MB; anything far larger is not it. */
const MAX_BYTES = 64 * 1024 * 1024
const TIMEOUT_MS = 60_000

export function isUrl(source: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(source)
}

/** The text of a local file or an http(s) URL, or a RegistryImportError that says what went wrong. */
export async function readSource(source: string, fetchImpl: typeof fetch = fetch): Promise<string> {
  if (!isUrl(source)) {
    try {
      return await readFile(source, 'utf8')
    } catch (error) {
      throw new RegistryImportError(`cannot read ${source}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`)
    }
  }
  let url: URL
  try {
    url = new URL(source)
  } catch {
    throw new RegistryImportError(`not a valid URL: ${oneLine(source)}`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new RegistryImportError(`unsupported URL scheme ${url.protocol} (use https)`)
  let response: Response
  try {
    response = await fetchImpl(url, { signal: AbortSignal.timeout(TIMEOUT_MS), redirect: 'follow' })
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause
    throw new RegistryImportError(`cannot reach ${url.href}: ${cause?.code ?? cause?.message ?? (error as Error).message}`)
  }
  if (!response.ok) throw new RegistryImportError(`${url.href} answered HTTP ${response.status} ${response.statusText}`.trim())
  const length = Number(response.headers.get('content-length') ?? 0)
  if (length > MAX_BYTES) throw new RegistryImportError(`${url.href} is ${length} bytes, far larger than IANA's registry`)
  try {
    const text = await response.text()
    if (text.length > MAX_BYTES) throw new RegistryImportError(`${url.href} is far larger than IANA's registry`)
    return text
  } catch (error) {
    if (error instanceof RegistryImportError) throw error
    throw new RegistryImportError(`the download from ${url.href} broke off: ${(error as Error).message}`)
  }
}
