import { Menu, nativeImage, Tray } from 'electron'
import type { MonitorStatus } from '../shared/row'

export interface TrayActions {
  show(): void
  togglePause(): void
  quit(): void
}

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

/** The menu-bar / system-tray icon: the listener count, and show, pause and quit. */
export class PortolanTray {
  private readonly tray: Tray
  private lastTooltip = ''
  private lastPaused: boolean | null = null

  constructor(iconPath: string, private readonly actions: TrayActions) {
    this.tray = new Tray(nativeImage.createFromPath(iconPath))
    this.tray.on('click', () => actions.show())
  }

  update(status: MonitorStatus): void {
    const tooltip = trayTooltip(status)
    if (tooltip !== this.lastTooltip) {
      this.tray.setToolTip(tooltip)
      if (process.platform === 'darwin') this.tray.setTitle(status.state === 'paused' ? '‖' : String(status.rowCount))
      this.lastTooltip = tooltip
    }
    const paused = status.state === 'paused'
    if (paused !== this.lastPaused) {
      this.tray.setContextMenu(
        Menu.buildFromTemplate([
          { label: 'Show Portolan', click: () => this.actions.show() },
          { label: paused ? 'Resume monitoring' : 'Pause monitoring', click: () => this.actions.togglePause() },
          { type: 'separator' },
          { label: 'Quit Portolan', click: () => this.actions.quit() },
        ]),
      )
      this.lastPaused = paused
    }
  }

  destroy(): void {
    this.tray.destroy()
  }
}
