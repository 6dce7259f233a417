/** The app's pages are served from app://portolan/ (see protocol.ts), never from file://. */
export const APP_SCHEME = 'app'
export const APP_HOST = 'portolan'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`

/**
 * The electron-vite dev server's URL, only while developing: an installed app never trusts an origin
 * taken from its environment.
 */
export function devServerUrl(packaged: boolean, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return packaged ? undefined : env.ELECTRON_RENDERER_URL || undefined
}

/** True for URLs of the app's own pages: app://portolan/…, and the dev server's origin when there is one. */
export function isAppUrl(url: string, devServerUrl?: string): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST) return true
  if (!devServerUrl) return false
  try {
    return parsed.origin === new URL(devServerUrl).origin
  } catch {
    return false
  }
}
