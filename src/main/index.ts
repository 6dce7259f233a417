import { app, BrowserWindow, ipcMain } from 'electron'
import { join } from 'node:path'
import { isAppUrl } from './app-origin'
import { PortolanCore } from './core/portolan'
import { registerIpc } from './ipc'
import { registerAppScheme, serveRenderer } from './protocol'
import { createMainWindow, denyAllPermissions } from './window'

registerAppScheme()

let core: PortolanCore | null = null

function openWindow(monitor: PortolanCore): BrowserWindow {
  const win = createMainWindow()
  const visible = () => monitor.setVisible(win.isVisible() && !win.isMinimized())
  win.on('show', visible)
  win.on('hide', visible)
  win.on('minimize', visible)
  win.on('restore', visible)
  return win
}

void app.whenReady().then(() => {
  denyAllPermissions()
  serveRenderer(join(__dirname, '../renderer'))
  const monitor = new PortolanCore()
  core = monitor
  registerIpc({
    ipcMain,
    core: monitor,
    isTrustedUrl: (url) => isAppUrl(url),
    targets: () => BrowserWindow.getAllWindows().map((w) => w.webContents),
  })
  monitor.start()
  openWindow(monitor)
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow(monitor)
  })
})

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})

app.on('before-quit', () => {
  void core?.close()
})
