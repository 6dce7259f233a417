/** Links the app may hand to the system browser: https only, no credentials in the URL. */
export function isSafeExternalUrl(url: string): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  return parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '' && parsed.hostname !== ''
}

/** The only http:// URL Portolan opens: a local port, built here from a validated number, never taken from the page. */
export function localPortUrl(port: number): string {
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new RangeError(`port ${port} cannot be opened in a browser`)
  return `http://localhost:${port}/`
}
