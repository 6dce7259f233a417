import { BrowserWindow, session, shell, type Session } from 'electron'
import { join } from 'node:path'
import { APP_ORIGIN, isAppUrl } from './app-origin'
import { isSafeExternalUrl } from './external-links'

/** The one permission the page gets: writing text to the clipboard (the copy buttons). */
const ALLOWED_PERMISSIONS = new Set(['clipboard-sanitized-write'])

/** Denies every other permission request (camera, notifications via the web API, geolocation, ...). */
export function denyAllPermissions(ses: Session = session.defaultSession): void {
  ses.setPermissionRequestHandler((_contents, permission, callback) => callback(ALLOWED_PERMISSIONS.has(permission)))
  ses.setPermissionCheckHandler((_contents, permission) => ALLOWED_PERMISSIONS.has(permission))
}

export interface MainWindowOptions {
  /** The dev server to load instead of app://portolan (development only; see devServerUrl). */
  devServer?: string
  /** The window icon on Linux (Windows and macOS take the app's own). */
  icon?: string
}

/** The one BrowserWindow factory: every security-relevant preference set explicitly. */
export function createMainWindow(options: MainWindowOptions = {}): BrowserWindow {
  const { devServer } = options
  const win = new BrowserWindow({
    ...(options.icon ? { icon: options.icon } : {}),
    width: 1280,
    height: 820,
    minWidth: 720,
    minHeight: 420,
    show: false,
    title: 'Portolan',
    webPreferences: {
      preload: join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      spellcheck: false,
      // Middle-click would otherwise open links in new windows, bypassing the open handler.
      disableBlinkFeatures: 'Auxclick',
    },
  })
  const contents = win.webContents
  // Story links (target=_blank) go to the system browser when they are https; no window ever opens here.
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) void shell.openExternal(url)
    return { action: 'deny' }
  })
  contents.on('will-navigate', (event, url) => {
    if (isAppUrl(url, devServer)) return
    event.preventDefault()
    if (isSafeExternalUrl(url)) void shell.openExternal(url)
  })
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, devServer)) event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
  win.once('ready-to-show', () => win.show())

  if (devServer) void win.loadURL(devServer)
  else void win.loadURL(`${APP_ORIGIN}/index.html`)
  return win
}
