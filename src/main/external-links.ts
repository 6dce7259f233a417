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
