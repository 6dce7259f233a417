// Stand-in for the 'electron' module under vitest: importing the real one would fetch its binary.
// Tests of the Electron glue replace what they use with vi.mock or by passing fakes.
const unavailable = (what: string) => () => {
  throw new Error(`electron.${what} is not available in unit tests; pass a fake instead`)
}
export const app = { whenReady: unavailable('app.whenReady'), on: unavailable('app.on'), getPath: unavailable('app.getPath') }
export const ipcMain = { handle: unavailable('ipcMain.handle'), on: unavailable('ipcMain.on') }
export const ipcRenderer = { invoke: unavailable('ipcRenderer.invoke'), on: unavailable('ipcRenderer.on'), removeListener: unavailable('ipcRenderer.removeListener') }
export const contextBridge = { exposeInMainWorld: unavailable('contextBridge.exposeInMainWorld') }
export class BrowserWindow {
  constructor() {
    throw new Error('BrowserWindow is not available in unit tests')
  }
}
export const session = {}
export const shell = { openExternal: unavailable('shell.openExternal') }
export default { app, ipcMain, ipcRenderer, contextBridge, BrowserWindow, session, shell }
