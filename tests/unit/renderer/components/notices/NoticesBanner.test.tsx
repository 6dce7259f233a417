// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { renderApp, shownPorts } from '../support/page'
import { listener } from '../support/rows'

const rows = [listener(3000), listener(5173)]

describe('the notices banner', () => {
  const notice = '/home/ana/.config/Portolan/settings.json was unreadable (Unexpected token } in JSON at position 212); moved it to /home/ana/.config/Portolan/settings.json.unreadable-2026-12-01T11-40-00 and used the defaults'

  it("lists the problems main met loading the user's files, until dismissed", async () => {
    const user = userEvent.setup()
    const { fake } = renderApp(rows, { notices: () => [notice] })
    const banner = await screen.findByRole('alert')
    expect(within(banner).getAllByRole('listitem').map((item) => item.textContent)).toEqual([notice])
    expect(fake.callsTo('notices')).toEqual([[]])
    await user.click(within(banner).getByRole('button', { name: 'Dismiss' }))
    expect(screen.queryByRole('alert')).toBeNull()
  })

  it('shows nothing when there is nothing to tell, or the host cannot tell', async () => {
    renderApp(rows, { notices: () => Promise.reject(new Error('not supported by this host')) })
    await waitFor(() => expect(shownPorts()).toHaveLength(rows.length))
    expect(screen.queryByRole('alert')).toBeNull()
    expect(document.querySelector('.notices-banner')).toBeNull()
  })
})
