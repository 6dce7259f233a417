// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { useViewStore } from '../../../../../src/renderer/src/store/view-store'
import { renderApp, shownPorts } from '../support/page'
import { listener } from '../support/rows'

// Listeners of a developer's machine: two node servers, a database, a DNS resolver on UDP, sshd on all interfaces.
const rows = [
  listener(3000),
  listener(5173, { commandLine: ['node', '/home/ana/app/node_modules/.bin/vite'] }),
  listener(5432, { process: 'postgres', commandLine: ['/usr/lib/postgresql/16/bin/postgres', '-D', '/var/lib/postgresql/16/main'], user: 'postgres', uid: 113 }),
  listener(53, { id: 'udp|4|127.0.0.53|53|610', protocol: 'udp', address: '127.0.0.53', state: 'UNCONN', pid: 610, process: 'systemd-resolve', user: 'systemd-resolve', uid: 990 }),
  listener(22, { id: 'tcp|4|0.0.0.0|22|901', address: '0.0.0.0', exposure: 'all', pid: 901, process: 'sshd', commandLine: ['sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups'], user: 'root', uid: 0 }),
]

/** The text of what the element's aria-describedby points at (what a screen reader reads after its name). */
function description(element: HTMLElement): string | null {
  const id = element.getAttribute('aria-describedby')
  return id === null ? null : (document.getElementById(id)?.textContent ?? null)
}

async function page() {
  const user = userEvent.setup()
  const rendered = renderApp(rows)
  await waitFor(() => expect(shownPorts()).toHaveLength(rows.length))
  const input = screen.getByRole('searchbox', { name: 'Filter rows' })
  const status = screen.getByRole('contentinfo', { name: 'Monitor status' })
  return { user, input, status, ...rendered }
}

describe('the filter bar', () => {
  it('lists every row, sorted by port, before anything is typed', async () => {
    const { status } = await page()
    expect(shownPorts()).toEqual([22, 53, 3000, 5173, 5432])
    expect(within(status).getByText('5 listeners')).toBeTruthy()
  })

  it('filters by process, by port and by range, and the status bar counts what is shown', async () => {
    const { user, input, status } = await page()
    await user.type(input, 'proc:node')
    expect(shownPorts()).toEqual([3000, 5173])
    expect(within(status).getByText('5 listeners (2 shown)')).toBeTruthy()
    await user.clear(input)
    await user.type(input, ':5432')
    expect(shownPorts()).toEqual([5432])
    await user.clear(input)
    await user.type(input, 'port:1-1023')
    expect(shownPorts()).toEqual([22, 53])
    expect(useViewStore.getState().filter.text).toBe('port:1-1023')
  })

  it('excludes with a leading minus, ORs the same key and ANDs different keys', async () => {
    const { user, input } = await page()
    await user.type(input, '-proc:node')
    expect(shownPorts()).toEqual([22, 53, 5432])
    await user.clear(input)
    await user.type(input, ':22 :53 proto:tcp')
    expect(shownPorts()).toEqual([22])
    await user.clear(input)
    await user.type(input, 'exposure:all')
    expect(shownPorts()).toEqual([22])
  })

  it('matches plain words across the columns (command line, user)', async () => {
    const { user, input } = await page()
    await user.type(input, 'vite')
    expect(shownPorts()).toEqual([5173])
    await user.clear(input)
    await user.type(input, 'user:postgres')
    expect(shownPorts()).toEqual([5432])
  })

  it('shows why a word cannot be read, and leaves it out: the rows stay those of the rest', async () => {
    const { user, input } = await page()
    await user.type(input, 'proc:node')
    const before = shownPorts()
    await user.paste(' :99999')
    expect(input).toHaveProperty('value', 'proc:node :99999')
    expect(description(input)).toBe('":99999" is not a port or range (try port:3000 or port:3000-3999)')
    expect(input.getAttribute('aria-invalid')).toBe('true')
    expect(shownPorts()).toEqual(before)
    // Corrected, the word filters and the message goes.
    await user.type(input, '{Backspace}{Backspace}{Backspace}{Backspace}{Backspace}{Backspace}3000')
    expect(shownPorts()).toEqual([3000])
    expect(input.getAttribute('aria-invalid')).toBe('false')
    expect(description(input)).toBeNull()
    expect(screen.queryByText(/is not a port or range/)).toBeNull()
  })

  it('asks for the value a key lacks, and lists every row meanwhile', async () => {
    const { user, input } = await page()
    await user.click(input)
    await user.paste('user:')
    expect(description(input)).toBe('"user:" needs a value after the colon (like user:root)')
    expect(shownPorts()).toEqual([22, 53, 3000, 5173, 5432])
  })

  it('offers Clear filters, and the story of the port named, when nothing matches', async () => {
    const { user, input } = await page()
    await user.type(input, ':8080')
    expect(shownPorts()).toEqual([])
    expect(screen.getByText('No listener matches the filter.')).toBeTruthy()
    await user.click(screen.getByRole('button', { name: 'Open the story of port 8080' }))
    expect(useViewStore.getState().story).toEqual({ port: 8080, protocol: null })
    await user.click(screen.getByRole('button', { name: 'Clear filters' }))
    expect(input).toHaveProperty('value', '')
    expect(shownPorts()).toEqual([22, 53, 3000, 5173, 5432])
  })

  it('switches protocols, families and exposure with its toggles', async () => {
    const { user } = await page()
    await user.click(screen.getByRole('checkbox', { name: 'TCP' }))
    expect(shownPorts()).toEqual([53])
    await user.click(screen.getByRole('checkbox', { name: 'TCP' }))
    await user.click(screen.getByRole('checkbox', { name: 'Exposed only' }))
    expect(shownPorts()).toEqual([22])
    await user.click(screen.getByRole('checkbox', { name: 'Exposed only' }))
    await user.click(screen.getByRole('checkbox', { name: 'IPv4' }))
    expect(shownPorts()).toEqual([])
    expect(useViewStore.getState().filter).toMatchObject({ tcp: true, exposedOnly: false, ipv4: false })
  })
})
