// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { useViewStore } from '../../../../../src/renderer/src/store/view-store'
import type { Row } from '../../../../../src/shared/row'
import { renderApp, shownPorts } from '../support/page'
import { realAnswers } from '../support/real-answers'
import { listener } from '../support/rows'

const node = listener(3000, { pid: 4242 })
const vite = listener(5173, { pid: 4300, commandLine: ['node', '/home/ana/app/node_modules/.bin/vite'] })
const postgres = listener(5432, { pid: 812, process: 'postgres', commandLine: null, user: null })
const resolver = listener(53, { id: 'udp|4|127.0.0.53|53|610', protocol: 'udp', address: '127.0.0.53', state: 'UNCONN', pid: 610, process: 'systemd-resolve' })
const rows = [node, vite, postgres, resolver]

const rowElement = (row: Row) => {
  const element = document.querySelector<HTMLElement>(`[role="row"][data-row-id="${row.id}"]`)
  if (!element) throw new Error(`row ${row.id} is not shown`)
  return element
}

/** The page, with the context menu opened by a right-click on `row`. */
async function menuOn(row: Row) {
  const user = userEvent.setup()
  const stories = await realAnswers()
  const rendered = renderApp(rows, {
    story: (port, protocol) => stories.storyOf(port, protocol ?? null, rows),
    openInBrowser: (rowId) => `http://localhost:${rows.find((r) => r.id === rowId)?.port ?? 0}/`,
    describeStop: () => ({ ok: false, message: 'Not described in this test.' }),
  })
  await waitFor(() => expect(shownPorts()).toHaveLength(rows.length))
  await user.pointer({ keys: '[MouseRight]', target: rowElement(row) })
  const menu = await screen.findByRole('menu', { name: 'Row actions' })
  await waitFor(() => expect(document.activeElement?.getAttribute('role')).toBe('menuitem'))
  return { user, menu, ...rendered }
}

const labels = (menu: HTMLElement) => within(menu).getAllByRole('menuitem').map((item) => item.querySelector('span')?.textContent)
const focused = () => document.activeElement?.querySelector('span')?.textContent

describe('the context menu', () => {
  it('selects the right-clicked row and lists what can be done with it, the first item focused', async () => {
    const { menu } = await menuOn(node)
    expect(useViewStore.getState().selectedId).toBe(node.id)
    expect(labels(menu)).toEqual([
      'Open the story of port 3000', 'Open in browser', 'Stop process…', 'Copy row', 'Copy address', 'Copy command line', 'Copy check command', 'Show only node', 'Hide node',
    ])
    expect(focused()).toBe('Open the story of port 3000')
    expect(within(menu).getAllByRole('menuitem').filter((item) => item.getAttribute('aria-disabled') === 'true')).toEqual([])
  })

  it('names each item by its label alone, with its shortcut told apart (aria-keyshortcuts)', async () => {
    const { menu } = await menuOn(node)
    const stop = within(menu).getByRole('menuitem', { name: 'Stop process…' })
    expect(stop.getAttribute('aria-keyshortcuts')).toBe('Delete')
    expect(within(menu).getByRole('menuitem', { name: 'Copy row' }).getAttribute('aria-keyshortcuts')).toBe('Control+C')
    expect(within(menu).getByRole('menuitem', { name: 'Copy address' }).hasAttribute('aria-keyshortcuts')).toBe(false)
  })

  it('moves with the arrow keys (wrapping), Home and End', async () => {
    const { user } = await menuOn(node)
    await user.keyboard('{ArrowDown}{ArrowDown}')
    expect(focused()).toBe('Stop process…')
    await user.keyboard('{ArrowUp}{ArrowUp}{ArrowUp}')
    expect(focused()).toBe('Hide node')
    await user.keyboard('{ArrowDown}')
    expect(focused()).toBe('Open the story of port 3000')
    await user.keyboard('{End}')
    expect(focused()).toBe('Hide node')
    await user.keyboard('{Home}')
    expect(focused()).toBe('Open the story of port 3000')
  })

  it('closes on Escape and gives focus back to the grid, leaving the selection', async () => {
    const { user } = await menuOn(node)
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('menu')).toBeNull()
    expect(document.activeElement).toBe(screen.getByRole('grid', { name: 'Listening sockets' }))
    expect(useViewStore.getState().selectedId).toBe(node.id)
  })

  it('closes on a click elsewhere without doing anything', async () => {
    const { user, fake } = await menuOn(node)
    await user.click(screen.getByRole('searchbox', { name: 'Filter rows' }))
    expect(screen.queryByRole('menu')).toBeNull()
    expect(fake.calls.map((call) => call.name).filter((name) => !['settings', 'snapshot', 'notices'].includes(name))).toEqual([])
  })

  it('opens the story of the port with Enter', async () => {
    const { user, fake } = await menuOn(node)
    await user.keyboard('{Enter}')
    expect(screen.queryByRole('menu')).toBeNull()
    const story = await screen.findByRole('complementary', { name: 'Story of port 3000' })
    expect(fake.callsTo('story')).toEqual([[3000, 'tcp']])
    expect(await within(story).findByRole('heading', { level: 2 })).toHaveProperty('textContent', (await realAnswers()).storyOf(3000, 'tcp', rows).title)
  })

  it('copies the address, the command line and the check command, and says so', async () => {
    const { user } = await menuOn(vite)
    await user.click(within(screen.getByRole('menu')).getByRole('menuitem', { name: 'Copy address' }))
    expect(await navigator.clipboard.readText()).toBe('127.0.0.1:5173')
    expect(await screen.findByText('Copied address: 127.0.0.1:5173')).toBeTruthy()

    await user.pointer({ keys: '[MouseRight]', target: rowElement(vite) })
    await user.click(await screen.findByRole('menuitem', { name: 'Copy command line' }))
    expect(await navigator.clipboard.readText()).toBe('node /home/ana/app/node_modules/.bin/vite')

    await user.pointer({ keys: '[MouseRight]', target: rowElement(vite) })
    await user.click(await screen.findByRole('menuitem', { name: 'Copy check command' }))
    expect(await navigator.clipboard.readText()).toBe("ss -ltnup 'sport = :5173'")
  })

  it('copies the row as tab-separated text', async () => {
    const { user } = await menuOn(node)
    await user.click(screen.getByRole('menuitem', { name: /^Copy row/ }))
    const text = await navigator.clipboard.readText()
    const [header, line] = text.split('\n')
    expect(header?.split('\t')).toContain('Port')
    expect(line?.split('\t')).toEqual(expect.arrayContaining(['tcp', '127.0.0.1', '3000', '4242', 'node']))
    expect(await screen.findByText('Copied row: 127.0.0.1:3000')).toBeTruthy()
  })

  it('filters the table to the process, or hides it', async () => {
    const { user } = await menuOn(node)
    await user.click(screen.getByRole('menuitem', { name: 'Show only node' }))
    expect(screen.getByRole('searchbox', { name: 'Filter rows' })).toHaveProperty('value', 'proc:node')
    expect(shownPorts()).toEqual([3000, 5173])

    await user.pointer({ keys: '[MouseRight]', target: rowElement(node) })
    await user.click(await screen.findByRole('menuitem', { name: 'Hide node' }))
    // The opposite word replaces the first.
    expect(screen.getByRole('searchbox', { name: 'Filter rows' })).toHaveProperty('value', '-proc:node')
    expect(shownPorts()).toEqual([53, 5432])
  })

  it('opens the page in the browser through main', async () => {
    const { user, fake } = await menuOn(node)
    await user.click(screen.getByRole('menuitem', { name: 'Open in browser' }))
    expect(fake.callsTo('openInBrowser')).toEqual([[node.id]])
    expect(await screen.findByText('Opened http://localhost:3000/')).toBeTruthy()
  })

  it('opens the stop confirmation, which asks main who it would stop', async () => {
    const { user, fake } = await menuOn(node)
    await user.click(screen.getByRole('menuitem', { name: /^Stop process…/ }))
    expect(await screen.findByRole('dialog', { name: 'Stop process' })).toBeTruthy()
    expect(fake.callsTo('describeStop')).toEqual([[node.id]])
    expect(fake.callsTo('stopProcess')).toEqual([])
  })

  it('marks what does not apply, says why, and does nothing when it is chosen', async () => {
    const { user, menu, fake } = await menuOn(resolver)
    const open = within(menu).getByRole('menuitem', { name: 'Open in browser' })
    expect(open.getAttribute('aria-disabled')).toBe('true')
    expect(open.title).toBe('Only TCP listeners can be opened in a browser.')
    await user.click(open)
    expect(screen.getByRole('menu')).toBe(menu)
    expect(fake.callsTo('openInBrowser')).toEqual([])

    await user.keyboard('{Escape}')
    await user.pointer({ keys: '[MouseRight]', target: rowElement(postgres) })
    const copyCommand = await screen.findByRole('menuitem', { name: 'Copy command line' })
    expect(copyCommand.getAttribute('aria-disabled')).toBe('true')
    expect(copyCommand.title).toBe('The command line of this process is not known (another user’s process, or not Linux).')
  })
})
