/** The page's Content Security Policy: only the app's own scripts, styles and connections; nothing inline. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ')

/** A <meta> cannot carry frame-ancestors (browsers ignore it there and warn). */
export const META_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.split('; ')
  .filter((directive) => !directive.startsWith('frame-ancestors'))
  .join('; ')

/**
 * Only for `electron-vite dev`: the dev server injects styles and React's refresh preamble inline and
 * talks to the page over a WebSocket. Never used by a build (electron.vite.config.ts applies it on serve).
 */
export const DEV_META_CONTENT_SECURITY_POLICY = META_CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
  .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
  .replace("connect-src 'self'", "connect-src 'self' ws://localhost:* ws://127.0.0.1:*")
