// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { renderApp, shownPorts } from '../support/page'
import { realAnswers } from '../support/real-answers'
import { listener } from '../support/rows'

const rows = [listener(3000)]

async function page() {
  const user = userEvent.setup()
  const stories = await realAnswers()
  const rendered = renderApp(rows, { story: (port, protocol) => stories.storyOf(port, protocol ?? null, rows) })
  await waitFor(() => expect(shownPorts()).toHaveLength(rows.length))
  const input = screen.getByRole('textbox', { name: 'Port number for its story' })
  return { user, input, stories, ...rendered }
}

describe('the port search', () => {
  it("opens the story of a port nothing listens on, with Enter", async () => {
    const { user, input, fake, stories } = await page()
    await user.type(input, '1322{Enter}')
    const panel = await screen.findByRole('complementary', { name: 'Story of port 1322' })
    expect(await within(panel).findByRole('heading', { level: 2, name: stories.storyOf(1322, null).title })).toBeTruthy()
    expect(fake.callsTo('story')).toEqual([[1322, undefined]])
  })

  it('opens one protocol when it is named', async () => {
    const { user, input, fake } = await page()
    await user.type(input, '53/UDP{Enter}')
    await screen.findByRole('complementary', { name: 'Story of port 53' })
    expect(fake.callsTo('story')).toEqual([[53, 'udp']])
  })

  it('says why a port cannot be read, opens nothing, and clears the message on the next edit', async () => {
    const { user, input, fake } = await page()
    await user.type(input, '70000{Enter}')
    expect(screen.getByRole('alert').textContent).toBe('port 70000 is out of range: ports are 0-65535')
    expect(input.getAttribute('aria-invalid')).toBe('true')
    await user.clear(input)
    expect(screen.queryByRole('alert')).toBeNull()
    await user.type(input, 'ssh{Enter}')
    expect(screen.getByRole('alert').textContent).toBe('"ssh" is not a port: expected a number 0-65535, optionally with /tcp or /udp')
    await user.clear(input)
    await user.type(input, '22/sctp{Enter}')
    expect(screen.getByRole('alert').textContent).toBe('unknown protocol "sctp": use tcp or udp')
    expect(screen.queryByRole('complementary')).toBeNull()
    expect(fake.callsTo('story')).toEqual([])
  })
})
