// A recording stand-in for the `electron` module, for running the built out/main/index.js under plain Node
// (node -r this-file out/main/index.js). It records what the app asks of Electron, then drives it: requests
// to the app:// handler, IPC calls from trusted and foreign pages, and a quit. Results go to
// $PORTOLAN_FAKE_ELECTRON_OUT as JSON. Settings: PORTOLAN_FAKE_LOCK=taken (a second instance),
// PORTOLAN_FAKE_PACKAGED=1 (app.isPackaged).
const Module = require('node:module')
const { EventEmitter } = require('node:events')
const { readFileSync, writeFileSync } = require('node:fs')
const { join } = require('node:path')
const { fileURLToPath } = require('node:url')

const record = { lockTaken: process.env.PORTOLAN_FAKE_LOCK === 'taken', quitCalls: 0, windows: [], trays: 0, trayMenus: [], schemes: [], menus: [], handlers: [], checks: {}, events: [] }
const appEvents = new EventEmitter()
let protocolHandler = null
const ipcHandlers = new Map()

const app = {
  isPackaged: process.env.PORTOLAN_FAKE_PACKAGED === '1',
  requestSingleInstanceLock: () => !record.lockTaken,
  whenReady: () => (record.events.push('whenReady'), new Promise((resolve) => setTimeout(resolve, 10))),
  on: (event, listener) => (appEvents.on(event, listener), app),
  setAppUserModelId: (id) => (record.appUserModelId = id),
  getAppPath: () => process.cwd(),
  exit: (code) => (record.events.push(`exit ${code}`), finish()),
  getPath: () => process.env.PORTOLAN_DATA_DIR,
  quit: () => {
    record.quitCalls += 1
    record.events.push('quit')
    const event = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true } }
    appEvents.emit('before-quit', event)
    // Like Electron, quitting takes a while: code after app.quit() still runs, and a ready app goes on.
    if (!event.defaultPrevented) setTimeout(finish, 500)
  },
}

function finish() {
  record.events.push('exit')
  writeFileSync(process.env.PORTOLAN_FAKE_ELECTRON_OUT, JSON.stringify(record))
  process.exit(0)
}

class BrowserWindow extends EventEmitter {
  static getAllWindows() { return [] }
  constructor(options) {
    super()
    const win = { options: { ...options, webPreferences: options.webPreferences }, loaded: [] }
    record.windows.push(win)
    this.webContents = { setWindowOpenHandler() {}, on() {}, send() {}, isDestroyed: () => false, getURL: () => win.loaded[0] ?? '' }
    this.loadURL = async (url) => void win.loaded.push(url)
  }
  isVisible() { return true }
  isMinimized() { return false }
  isDestroyed() { return false }
  show() {}
  focus() {}
  hide() {}
}

const fake = {
  app,
  BrowserWindow,
  ipcMain: { handle: (channel, handler) => (ipcHandlers.set(channel, handler), record.handlers.push(channel)), removeHandler: (channel) => ipcHandlers.delete(channel) },
  protocol: {
    registerSchemesAsPrivileged: (schemes) => record.schemes.push(...schemes.map((s) => s.scheme)),
    handle: (scheme, handler) => (protocolHandler = handler),
  },
  net: {
    fetch: async (url) => {
      try {
        return new Response(readFileSync(fileURLToPath(url)), { status: 200, headers: { 'content-type': url.endsWith('.html') ? 'text/html' : 'application/octet-stream' } })
      } catch {
        return new Response('missing', { status: 404 })
      }
    },
  },
  session: { defaultSession: { setPermissionRequestHandler() {}, setPermissionCheckHandler() {} } },
  shell: { openExternal: async () => undefined },
  dialog: { showSaveDialog: async () => ({ canceled: true }) },
  Menu: { buildFromTemplate: (template) => template, setApplicationMenu: (menu) => record.menus.push(menu) },
  Tray: class { constructor() { record.trays += 1 } on() {} setToolTip() {} setTitle() {} setContextMenu(menu) { record.trayMenus.push(menu.map((item) => item.label ?? item.type)) } destroy() {} },
  nativeImage: { createFromPath: (path) => ({ path }) },
  Notification: class { static isSupported() { return false } },
}

const resolveFilename = Module._resolveFilename
Module._resolveFilename = function (request, ...rest) {
  return request === 'electron' ? __filename : resolveFilename.call(this, request, ...rest)
}
module.exports = fake
if (app.isPackaged) process.resourcesPath = join(__dirname, '../../../resources')

async function request(url) {
  const response = await protocolHandler(new Request(url))
  return { status: response.status, csp: response.headers.get('content-security-policy'), body: (await response.text()).slice(0, 2000) }
}

async function invoke(channel, url, ...args) {
  try {
    return { ok: true, value: await ipcHandlers.get(channel)({ senderFrame: { url } }, ...args) }
  } catch (error) {
    return { ok: false, error: String(error && error.message) }
  }
}

async function drive() {
  const deadline = Date.now() + 20_000
  while (!protocolHandler || record.windows.length === 0) {
    if (Date.now() > deadline) return finish()
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  record.checks.index = await request('app://portolan/index.html')
  record.checks.root = await request('app://portolan/')
  record.checks.foreignHost = await request('app://evil/index.html')
  record.checks.traversal = await request('app://portolan/..%2f..%2fpackage.json')
  record.checks.dotSegments = await request('app://portolan/%2e%2e/%2e%2e/etc/passwd')
  // The first poll has landed once the snapshot has a seq: from then on there is history to save at quit.
  do {
    record.checks.snapshotFromApp = await invoke('portolan:snapshot', 'app://portolan/index.html')
    await new Promise((resolve) => setTimeout(resolve, 50))
  } while (record.checks.snapshotFromApp.ok && record.checks.snapshotFromApp.value.seq < 1 && Date.now() < deadline)
  record.checks.snapshotFromElsewhere = await invoke('portolan:snapshot', 'https://evil.example/')
  record.checks.snapshotFromDevServer = await invoke('portolan:snapshot', 'http://127.0.0.1:9/')
  record.checks.storyWithGarbage = await invoke('portolan:story', 'app://portolan/index.html', { port: 'x' })
  app.quit()
}

if (!record.lockTaken) void drive()
