import { Menu, type MenuItemConstructorOptions } from 'electron'

/**
 * The application menu, instead of Electron's default one (which ships Reload and Toggle Developer Tools).
 * macOS needs its app and Edit menus for Quit and for copy and paste in the filter box; elsewhere a small
 * File and Edit menu. Developer tools only in development.
 */
export function appMenuTemplate(platform: NodeJS.Platform, packaged: boolean): MenuItemConstructorOptions[] {
  const template: MenuItemConstructorOptions[] =
    platform === 'darwin'
      ? [{ role: 'appMenu' }, { role: 'editMenu' }, { role: 'windowMenu' }]
      : [{ label: 'File', submenu: [{ role: 'quit' }] }, { role: 'editMenu' }]
  if (!packaged) template.push({ label: 'Develop', submenu: [{ role: 'reload' }, { role: 'toggleDevTools' }] })
  return template
}

export function installAppMenu(platform: NodeJS.Platform, packaged: boolean): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate(platform, packaged)))
}
