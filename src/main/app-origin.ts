/** The app's pages are served from app://portolan/ (see protocol.ts), never from file://. */
export const APP_SCHEME = 'app'
export const APP_HOST = 'portolan'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`

/**
 * True for URLs of the app's own pages: app://portolan/… in production, and the electron-vite dev
 * server's origin while developing.
 */
export function isAppUrl(url: string, devServerUrl: string | undefined = process.env.ELECTRON_RENDERER_URL): boolean {
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
