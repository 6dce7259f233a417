// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { StoryPanel } from '../../../../../src/renderer/src/components/story/StoryPanel'
import type { Protocol, Row } from '../../../../../src/shared/row'
import type { Answers } from '../support/fake-api'
import { connectedMonitor, fakePortolan, renderInPage } from '../support/page'
import { realAnswers } from '../support/real-answers'
import { listener, snapshotOf } from '../support/rows'

const sshd = listener(22, { id: 'tcp|4|0.0.0.0|22|901', address: '0.0.0.0', exposure: 'all', pid: 901, process: 'sshd', commandLine: ['sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups'], user: 'root', uid: 0 })

/** The story panel for a port, with main telling the real story over the rows it currently lists. */
async function storyPanel(port: number, protocol: Protocol | null, rows: Row[], extra: Answers = {}) {
  const user = userEvent.setup()
  const stories = await realAnswers()
  let listed = rows
  const fake = fakePortolan({ snapshot: () => snapshotOf(1, listed), story: (p, proto) => stories.storyOf(p, proto ?? null, listed), ...extra })
  let closed = 0
  // Opened on a page that has its rows, as from the table.
  const monitor = connectedMonitor()
  await waitFor(() => expect(monitor.getState().phase).toBe('ready'))
  renderInPage(<StoryPanel port={port} protocol={protocol} onClose={() => (closed += 1)} />, monitor)
  const panel = screen.getByRole('complementary', { name: `Story of port ${port}` })
  const story = stories.storyOf(port, protocol, rows)
  await within(panel).findByRole('heading', { level: 2, name: story.title })
  return { user, fake, panel, story, closed: () => closed, relist: (next: Row[]) => (listed = next) }
}

const headings = (panel: HTMLElement) => within(panel).getAllByRole('heading', { level: 3 }).map((h) => h.textContent)

describe('the story panel', () => {
  it('tells the story of 22 in its sections, with what holds it now', async () => {
    const { panel, fake } = await storyPanel(22, null, [sshd])
    expect(fake.callsTo('story')).toEqual([[22, undefined]])
    expect(within(panel).getByRole('heading', { level: 2 }).textContent).toBe('Port 22: SSH — The Secure Shell (SSH) Protocol')
    // Held now, the port's holder comes first.
    expect(headings(panel)).toEqual(['On this machine now', 'What port 22 is', 'What the registry says', 'What actually uses it', 'Why it matters', 'How to check it yourself', 'Sources'])
    expect(panel.querySelector('.story-facts')?.textContent).toBe('System range (0–1023, “well-known”) · 1 live socket')
    const live = within(panel).getByRole('region', { name: 'On this machine now' })
    expect(live.textContent).toMatch(/sshd/)
    expect(live.textContent).not.toMatch(/Nothing on this machine is listening/)
    expect(panel.textContent).toContain("Registry: IANA's registry of 2026-08-17, bundled with Portolan.")
  })

  it('links every https source, opening outside the page, and only shows the others', async () => {
    const { panel, story } = await storyPanel(22, null, [])
    expect(headings(panel)).toEqual(['What port 22 is', 'What the registry says', 'What actually uses it', 'Why it matters', 'On this machine now', 'How to check it yourself', 'Sources'])
    const sources = within(within(panel).getByRole('region', { name: 'Sources' })).getAllByRole('listitem')
    expect(sources).toHaveLength(story.sources.length)
    for (const [i, source] of story.sources.entries()) {
      const item = sources[i]
      expect(item?.textContent).toBe(source.title)
      const link = item?.querySelector('a')
      if (source.url.startsWith('https://')) {
        expect(link?.getAttribute('href')).toBe(source.url)
        expect(link?.getAttribute('target')).toBe('_blank')
        expect(link?.getAttribute('rel')).toBe('noreferrer')
      } else {
        // A plain http source (the registry's data has one) is named but never linked.
        expect(link).toBeNull()
        expect(item?.querySelector('span')?.title).toBe(source.url)
      }
    }
    expect(story.sources.some((source) => !source.url.startsWith('https://'))).toBe(true)
    // Footnote markers name their source.
    const rfc = story.sources.find((source) => source.url.startsWith('https://www.rfc-editor.org/rfc/rfc6335'))
    const footnote = within(within(panel).getByRole('region', { name: 'What port 22 is' })).getByRole('button', { name: String(rfc?.n) })
    expect(footnote.title).toBe(rfc?.title)
  })

  it("lists IANA's records on demand, each with its assignee", async () => {
    const { panel, story } = await storyPanel(1322, null, [])
    expect(within(panel).getByRole('heading', { level: 2 }).textContent).toBe('Port 1322: Novation — A registered port waiting for a purpose')
    const registry = within(panel).getByRole('region', { name: 'What the registry says' })
    expect(within(registry).getByText(`IANA's ${story.records.length} records, as listed`)).toBeTruthy()
    const records = within(registry).getAllByRole('listitem')
    expect(records.map((record) => record.querySelector('.story-record-head strong')?.textContent)).toEqual(['novation', 'novation'])
    expect(records.map((record) => record.querySelector('.story-proto')?.textContent)).toEqual(['tcp', 'udp'])
    expect(within(records[0] ?? registry).getByText('Alan Dano')).toBeTruthy()
  })

  it("links the references IANA's records cite", async () => {
    const { panel } = await storyPanel(22, 'tcp', [])
    const registry = within(panel).getByRole('region', { name: 'What the registry says' })
    const reference = within(registry).getByRole('link', { name: 'RFC 4251' })
    expect(reference.getAttribute('href')).toBe('https://www.rfc-editor.org/rfc/rfc4251.html')
    expect(reference.getAttribute('target')).toBe('_blank')
  })

  it('gives each check command with a copy button that copies it', async () => {
    const { user, panel } = await storyPanel(22, null, [])
    const check = within(panel).getByRole('region', { name: 'How to check it yourself' })
    const commands = [...check.querySelectorAll('li > code')].map((code) => code.textContent)
    expect(commands).toEqual(["ss -ltnup 'sport = :22'", 'sudo lsof -i :22', 'sudo lsof -nP -i :22', 'netstat -ano | findstr :22', 'Get-NetTCPConnection -LocalPort 22', 'Get-NetUDPEndpoint -LocalPort 22'])
    const copy = within(check).getByRole('button', { name: "Copy ss -ltnup 'sport = :22'" })
    await user.click(copy)
    expect(await navigator.clipboard.readText()).toBe("ss -ltnup 'sport = :22'")
    expect(copy.textContent).toBe('Copied')
    await user.click(within(check).getByRole('button', { name: 'Copy sudo lsof -nP -i :22' }))
    expect(await navigator.clipboard.readText()).toBe('sudo lsof -nP -i :22')
  })

  it('tells it again when a holder of the port arrives in the live table', async () => {
    const { panel, fake, relist } = await storyPanel(22, 'tcp', [])
    const live = () => within(panel).getByRole('region', { name: 'On this machine now' }).textContent
    expect(live()).toContain('Nothing on this machine is listening on 22/tcp right now.')
    relist([sshd])
    fake.push('delta', { seq: 2, added: [sshd], changed: [], removed: [] })
    await waitFor(() => expect(live()).toMatch(/sshd/))
    expect(fake.callsTo('story')).toEqual([[22, 'tcp'], [22, 'tcp']])
    // Another port's row changes nothing here.
    fake.push('delta', { seq: 3, added: [listener(3000)], changed: [], removed: [] })
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(fake.callsTo('story')).toHaveLength(2)
  })

  it("adds the user's label through main and tells the story again", async () => {
    const { user, panel, fake } = await storyPanel(22, null, [], { setLabel: (label) => label })
    const add = within(panel).getByRole('button', { name: 'Add label' })
    expect(add).toHaveProperty('disabled', true)
    await user.type(within(panel).getByRole('textbox', { name: 'Your label' }), '  bastion ssh ')
    await user.click(add)
    expect(fake.callsTo('setLabel')).toEqual([[{ port: 22, protocol: null, label: 'bastion ssh', note: null }]])
    await waitFor(() => expect(fake.callsTo('story')).toHaveLength(2))
    expect(within(panel).getByRole('textbox', { name: 'Your label' })).toHaveProperty('value', '')
  })

  it("says why when main cannot tell the story, and closes when asked", async () => {
    const user = userEvent.setup()
    fakePortolan({ snapshot: () => snapshotOf(1, []), story: () => Promise.reject(new Error('the registry could not be read')) })
    let closed = 0
    renderInPage(<StoryPanel port={8080} protocol={null} onClose={() => (closed += 1)} />)
    const panel = screen.getByRole('complementary', { name: 'Story of port 8080' })
    expect(within(panel).getByRole('heading', { level: 2 }).textContent).toBe('Port 8080')
    expect((await within(panel).findByRole('alert')).textContent).toBe('the registry could not be read')
    await user.click(within(panel).getByRole('button', { name: 'Close story' }))
    expect(closed).toBe(1)
  })
})
