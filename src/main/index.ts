import { app, BrowserWindow, ipcMain, shell } from 'electron'
import { join } from 'node:path'
import type { Row } from '../shared/row'
import { devServerUrl, isAppUrl } from './app-origin'
import { installAppMenu } from './app-menu'
import { toNotice } from './core/alerts'
import { requestHandlers } from './core/api'
import { composeApp, type PortolanApp } from './core/compose'
import { electronHelperProgram } from './monitor/elevation'
import { isHeadlessHelper, runHeadlessHelper } from './monitor/helper-server'
import { saveExportWithDialog } from './export-dialog'
import type { PushName, PushPayload } from '../shared/ipc'
import { pushTo, registerIpc } from './ipc'
import { showAlert } from './notifications'
import { registerAppScheme, serveRenderer } from './protocol'
import { PortolanTray, trayIconFile } from './tray'
import { createMainWindow, denyAllPermissions } from './window'

/** electron-builder.yml's appId: Windows ties notifications and the Start-menu shortcut to it. */
const APP_USER_MODEL_ID = 'app.portolan.desktop'

const devServer = devServerUrl(app.isPackaged)
const isTrustedUrl = (url: string): boolean => isAppUrl(url, devServer)

function resourcePath(...parts: string[]): string {
  return app.isPackaged ? join(process.resourcesPath, ...parts) : join(__dirname, '../../resources', ...parts)
}

/** The tray lists listeners, never the connections the Connections view may be collecting. */
const listenersOf = (app: { monitor: { rows(): Row[] } }): Row[] => app.monitor.rows().filter((row) => row.remotePort === null)

function startApp(): void {
  registerAppScheme()
  if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID)

  let core: PortolanApp | null = null
  let mainWindow: BrowserWindow | null = null
  let tray: PortolanTray | null = null
  let quitting = false
  let closed = false
  let toldAboutBackground = false

  const push = <N extends PushName>(name: N, payload: PushPayload<N>): void => {
    pushTo(BrowserWindow.getAllWindows().map((w) => w.webContents), isTrustedUrl, name, payload)
  }

  const showWindow = (monitor: PortolanApp): BrowserWindow => {
    if (!mainWindow || mainWindow.isDestroyed()) {
      const win = createMainWindow({ devServer, icon: process.platform === 'linux' ? resourcePath('icons', 'icon.png') : undefined })
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
          // A desktop without a tray host (plain GNOME) shows no icon: say how to come back.
          if (!toldAboutBackground) {
            toldAboutBackground = true
            showAlert({ title: 'Portolan keeps watching', body: 'Alerts are on. Start Portolan again to bring its window back, or quit it from its menu.' }, () => showWindow(monitor))
          }
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

  void app.whenReady().then(() => {
    installAppMenu(process.platform, app.isPackaged)
    denyAllPermissions()
    serveRenderer(join(__dirname, '../renderer'))
    // "Show all owners" elevates this same executable, run headless as the helper (the RunAsNode fuse is off).
    const monitor = composeApp({ helperProgram: electronHelperProgram(process.execPath, app.isPackaged ? [] : [app.getAppPath()]) })
    core = monitor
    registerIpc({
      ipcMain,
      isTrustedUrl,
      handlers: requestHandlers(monitor, {
        saveExport: (file) => saveExportWithDialog(mainWindow, file),
        openUrl: (url) => shell.openExternal(url),
        showInFolder: (path) => shell.showItemInFolder(path),
      }),
    })
    monitor.monitor.onDelta((delta) => push('delta', delta))
    monitor.monitor.onStatus((status) => {
      push('status', status)
      tray?.update(status, listenersOf(monitor))
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
      tray = new PortolanTray(resourcePath('icons', trayIconFile(process.platform)), {
        show: () => showWindow(monitor),
        togglePause: () => monitor.pace.setPaused(monitor.monitor.status.state !== 'paused'),
        quit: () => app.quit(),
        openInBrowser: (rowId) => {
          try {
            void shell.openExternal(monitor.rowExport.browserUrlFor(rowId))
          } catch (error) {
            console.warn('portolan: cannot open that listener in a browser:', error)
          }
        },
        // The confirmation stays in the page: bring the row up there, where Stop process… asks first.
        stop: (rowId) => {
          showWindow(monitor)
          const row = monitor.monitor.rows().find((r) => r.id === rowId)
          if (row) push('select', { title: '', body: '', rowIds: [row.id] })
        },
      })
      tray.update(monitor.monitor.status, listenersOf(monitor))
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

  // Quit waits for the monitor to close (its last history save), then quits for real.
  app.on('before-quit', (event) => {
    quitting = true
    if (closed || !core) return
    event.preventDefault()
    tray?.destroy()
    tray = null
    void core
      .close()
      .catch((error: unknown) => console.warn('portolan: closing the monitor failed:', error))
      .finally(() => {
        closed = true
        app.quit()
      })
  })
}

if (isHeadlessHelper(process.argv)) {
  // Started elevated by "Show all owners": no window, no tray, no single-instance lock, just the helper.
  app.dock?.hide()
  void runHeadlessHelper(process.argv).then((code) => app.exit(code))
} else if (!app.requestSingleInstanceLock()) {
  // One instance: a second launch brings the running one forward and builds nothing of its own.
  app.quit()
} else {
  startApp()
}
