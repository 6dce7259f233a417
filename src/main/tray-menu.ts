// The tray menu as data (Electron's MenuItemConstructorOptions shape, without importing electron): the
// current listeners grouped by process, each with Open in browser and Stop, then show, pause and quit.
import { endpoint } from '../shared/endpoint'
import type { MonitorStatus, Row } from '../shared/row'
import { canOpenInBrowser, stopBlockReason } from '../shared/row-menu'

export interface TrayMenuItem {
  label?: string
  type?: 'separator' | 'normal'
  enabled?: boolean
  /** Electron shows it as the item's tooltip where the platform does (macOS). */
  toolTip?: string
  submenu?: TrayMenuItem[]
  click?: () => void
}

export interface TrayMenuActions {
  show(): void
  togglePause(): void
  quit(): void
  /** Opens http://localhost:PORT for this listener (core.browserUrlFor checks it again). */
  openInBrowser(rowId: string): void
  /** Shows the window with the stop dialog for this row: the confirmation stays in the app. */
  stop(rowId: string): void
}

/** Groups shown before "…and N more"; a tray menu is not a table. */
export const TRAY_MAX_GROUPS = 12
/** Ports listed per process before its "…and N more". */
export const TRAY_MAX_PORTS = 8

interface Group {
  key: string
  title: string
  /** Never empty: a group starts with its first row. */
  rows: [Row, ...Row[]]
}

function groupTitle(row: Row): string {
  if (row.container) return `${row.container.name} (container)`
  if (row.pid === null) return row.ownerHidden ? "Another user's processes (hidden)" : 'No process (kernel)'
  return `${row.process ?? 'process'} (pid ${row.pid})`
}

/** Listeners (no peer) by owning process, biggest groups first, then by name; rows within by port. */
export function groupListeners(rows: readonly Row[]): Group[] {
  const groups = new Map<string, Group>()
  for (const row of rows) {
    if (row.remotePort !== null) continue
    const key = row.container ? `c:${row.container.name}` : row.pid === null ? `none:${row.ownerHidden}` : `p:${row.pid}`
    const group = groups.get(key)
    if (group) group.rows.push(row)
    else groups.set(key, { key, title: groupTitle(row), rows: [row] })
  }
  for (const group of groups.values()) group.rows.sort((a, b) => a.port - b.port || a.protocol.localeCompare(b.protocol) || a.address.localeCompare(b.address))
  return [...groups.values()].sort((a, b) => b.rows.length - a.rows.length || a.title.localeCompare(b.title))
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

function portLabel(row: Row): string {
  return `${row.protocol}${row.family === 6 ? '6' : ''} ${endpoint(row.address, row.port)}${row.service ? ` ${row.service}` : ''}`
}

function groupMenu(group: Group, actions: TrayMenuActions): TrayMenuItem[] {
  const items: TrayMenuItem[] = []
  for (const row of group.rows.slice(0, TRAY_MAX_PORTS)) {
    items.push(
      canOpenInBrowser(row)
        ? { label: `Open ${portLabel(row)} in browser`, click: () => actions.openInBrowser(row.id) }
        : { label: portLabel(row), enabled: false },
    )
  }
  if (group.rows.length > TRAY_MAX_PORTS) items.push({ label: `…and ${group.rows.length - TRAY_MAX_PORTS} more (open Portolan)`, click: () => actions.show() })
  const first = group.rows[0]
  const reason = stopBlockReason(first)
  items.push({ type: 'separator' })
  items.push(
    reason === null
      ? { label: `Stop ${first.process ?? `pid ${first.pid}`}…`, click: () => actions.stop(first.id) }
      : { label: 'Stop process…', enabled: false, toolTip: reason },
  )
  return items
}

/** The whole tray menu for the rows and status now. */
export function trayMenuTemplate(rows: readonly Row[], status: MonitorStatus, actions: TrayMenuActions): TrayMenuItem[] {
  const groups = groupListeners(rows)
  const listeners = groups.reduce((n, group) => n + group.rows.length, 0)
  const items: TrayMenuItem[] = [{ label: `${plural(listeners, 'listener')} of ${plural(groups.length, 'owner')}`, enabled: false }]
  for (const group of groups.slice(0, TRAY_MAX_GROUPS)) {
    items.push({ label: `${group.title} · ${plural(group.rows.length, 'port')}`, submenu: groupMenu(group, actions) })
  }
  if (groups.length > TRAY_MAX_GROUPS) {
    items.push({ label: `…and ${plural(groups.length - TRAY_MAX_GROUPS, 'more process', 'more processes')} (open Portolan)`, click: () => actions.show() })
  }
  const paused = status.state === 'paused'
  items.push(
    { type: 'separator' },
    { label: 'Show Portolan', click: () => actions.show() },
    { label: paused ? 'Resume monitoring' : 'Pause monitoring', click: () => actions.togglePause() },
    { type: 'separator' },
    { label: 'Quit Portolan', click: () => actions.quit() },
  )
  return items
}

/** The menu as indented text (for a test's record or a log). */
export function trayMenuText(items: readonly TrayMenuItem[], depth = 0): string {
  return items
    .map((item) => {
      const pad = '  '.repeat(depth)
      if (item.type === 'separator') return `${pad}──────`
      const line = `${pad}${item.label ?? ''}${item.enabled === false ? ' (disabled)' : ''}${item.toolTip ? ` — ${item.toolTip}` : ''}`
      return item.submenu ? `${line} ▸\n${trayMenuText(item.submenu, depth + 1)}` : line
    })
    .join('\n')
}
