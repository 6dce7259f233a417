import { app, BrowserWindow, ipcMain, shell } from 'electron'
import { join } from 'node:path'
import { isAppUrl } from './app-origin'
import { toNotice } from './core/alerts'
import { requestHandlers } from './core/api'
import { composeApp, type PortolanApp } from './core/compose'
import { saveExportWithDialog } from './export-dialog'
import type { PushName, PushPayload } from '../shared/ipc'
import { pushTo, registerIpc } from './ipc'
import { showAlert } from './notifications'
import { registerAppScheme, serveRenderer } from './protocol'
import { PortolanTray } from './tray'
import { createMainWindow, denyAllPermissions } from './window'

registerAppScheme()

// One instance: a second launch brings the running one forward.
if (!app.requestSingleInstanceLock()) app.quit()

let core: PortolanApp | null = null
let mainWindow: BrowserWindow | null = null
let tray: PortolanTray | null = null
let quitting = false

function push<N extends PushName>(name: N, payload: PushPayload<N>): void {
  pushTo(BrowserWindow.getAllWindows().map((w) => w.webContents), (url) => isAppUrl(url), name, payload)
}

function showWindow(monitor: PortolanApp): BrowserWindow {
  if (!mainWindow || mainWindow.isDestroyed()) {
    const win = createMainWindow()
    const visible = () => monitor.pace.setVisible(win.isVisible() && !win.isMinimized())
    win.on('show', visible)
    win.on('hide', visible)
    win.on('minimize', visible)
    win.on('restore', visible)
    // With alerts on, closing the window keeps Portolan watching from the tray.
    win.on('close', (event) => {
      if (!quitting && tray && monitor.settings.get().alerts.enabled) {
        event.preventDefault()
        win.hide()
      }
    })
    win.on('closed', () => {
      mainWindow = null
      monitor.pace.setVisible(false)
    })
    mainWindow = win
  } else {
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.show()
    mainWindow.focus()
  }
  return mainWindow
}

function trayIconPath(): string {
  return app.isPackaged ? join(process.resourcesPath, 'icons', 'tray.png') : join(__dirname, '../../resources/icons/tray.png')
}

void app.whenReady().then(() => {
  denyAllPermissions()
  serveRenderer(join(__dirname, '../renderer'))
  const monitor = composeApp()
  core = monitor
  registerIpc({
    ipcMain,
    isTrustedUrl: (url) => isAppUrl(url),
    handlers: requestHandlers(monitor, {
      saveExport: (file) => saveExportWithDialog(mainWindow, file),
      openUrl: (url) => shell.openExternal(url),
    }),
  })
  monitor.monitor.onDelta((delta) => push('delta', delta))
  monitor.monitor.onStatus((status) => {
    push('status', status)
    tray?.update(status)
  })
  monitor.settings.onChange((settings) => push('settings', settings))
  monitor.alerts.onAlert((batch) => {
    const notice = toNotice(batch)
    push('alert', notice)
    showAlert(batch, () => {
      showWindow(monitor)
      push('select', notice)
    })
  })
  try {
    tray = new PortolanTray(trayIconPath(), {
      show: () => showWindow(monitor),
      togglePause: () => monitor.pace.setPaused(monitor.monitor.status.state !== 'paused'),
      quit: () => app.quit(),
    })
    tray.update(monitor.monitor.status)
  } catch (error) {
    console.warn('portolan: no tray on this desktop:', error)
  }
  monitor.start()
  showWindow(monitor)
  app.on('activate', () => showWindow(monitor))
  app.on('second-instance', () => showWindow(monitor))
})

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})

app.on('before-quit', () => {
  quitting = true
  tray?.destroy()
  void core?.close()
})
