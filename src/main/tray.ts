import { Menu, nativeImage, Tray } from 'electron'
import type { MonitorStatus, Row } from '../shared/row'
import { trayMenuTemplate, type TrayMenuActions } from './tray-menu'

export type TrayActions = TrayMenuActions

/**
 * The tray icon's file under resources/icons: macOS wants a template image (black and alpha, which the menu
 * bar tints; Electron finds trayTemplate@2x.png beside it), other desktops a coloured one.
 */
export function trayIconFile(platform: NodeJS.Platform): string {
  return platform === 'darwin' ? 'trayTemplate.png' : 'tray.png'
}

export function trayTooltip(status: MonitorStatus): string {
  if (status.state === 'paused') return 'Portolan: monitoring paused'
  if (status.state === 'stale') return `Portolan: ${status.rowCount} listeners (stale: ${status.error ?? 'collector failing'})`
  if (status.state === 'starting') return 'Portolan: starting…'
  return `Portolan: ${status.rowCount} listener${status.rowCount === 1 ? '' : 's'}`
}

/** What the menu shows: rebuilt only when it changes, so an open menu does not flicker every poll. */
function menuKey(rows: readonly Row[], status: MonitorStatus): string {
  return `${status.state === 'paused'}|${rows.map((row) => `${row.id}:${row.process ?? ''}:${row.state}`).join(',')}`
}

/** The menu-bar / system-tray icon: the listener count, the listeners by process (open, stop), show, pause and quit. */
export class PortolanTray {
  private readonly tray: Tray
  private lastTooltip = ''
  private lastMenu: string | null = null

  constructor(iconPath: string, private readonly actions: TrayActions) {
    this.tray = new Tray(nativeImage.createFromPath(iconPath))
    this.tray.on('click', () => actions.show())
  }

  update(status: MonitorStatus, rows: readonly Row[]): void {
    const tooltip = trayTooltip(status)
    if (tooltip !== this.lastTooltip) {
      this.tray.setToolTip(tooltip)
      if (process.platform === 'darwin') this.tray.setTitle(status.state === 'paused' ? '‖' : String(status.rowCount))
      this.lastTooltip = tooltip
    }
    const key = menuKey(rows, status)
    if (key !== this.lastMenu) {
      this.tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(rows, status, this.actions)))
      this.lastMenu = key
    }
  }

  destroy(): void {
    this.tray.destroy()
  }
}
