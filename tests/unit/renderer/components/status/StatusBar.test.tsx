// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { formatClock } from '../../../../../src/renderer/src/lib/format'
import type { MonitorStatus, Row } from '../../../../../src/shared/row'
import type { ShowAllOwnersOutcome } from '../../../../../src/shared/owner'
import type { Answers } from '../support/fake-api'
import { renderApp, shownPorts } from '../support/page'
import { listener, okStatus } from '../support/rows'

const lastPollAt = Date.UTC(2026, 11, 1, 11, 42, 7)
const live: MonitorStatus = { ...okStatus, collector: 'sock_diag', lastPollAt, lastPollMs: 4, intervalMs: 1000, nextPollAt: null }
const hidden = listener(631, { id: 'tcp|4|127.0.0.1|631|', pid: null, process: null, commandLine: null, executable: null, user: null, uid: 0, ownerHidden: true })
const rows: Row[] = [listener(3000), listener(5173), hidden]

/** The page over `rows`, with main reporting `status` in the snapshot. */
async function page(status: MonitorStatus, answers: Answers = {}) {
  const user = userEvent.setup()
  const rendered = renderApp(rows, { snapshot: () => ({ seq: 1, rows, status: { ...status, rowCount: rows.length } }), ...answers })
  await waitFor(() => expect(shownPorts()).toHaveLength(rows.length))
  return { user, bar: screen.getByRole('contentinfo', { name: 'Monitor status' }), ...rendered }
}

describe('the status bar', () => {
  it('says the monitor is live, how many rows there are, when it last polled and with what', async () => {
    const { bar } = await page(live)
    expect(bar.querySelector('[data-state]')?.textContent).toBe('live')
    expect(within(bar).getByText('3 listeners')).toBeTruthy()
    expect(within(bar).getByText(`last poll ${formatClock(lastPollAt)} in 4 ms, every 1 s`)).toBeTruthy()
    expect(within(bar).getByText('via sock_diag')).toBeTruthy()
    expect(screen.queryByRole('alert')).toBeNull()
  })

  it('names the fallback collector and why it is used', async () => {
    const note = 'sock_diag is not available here (netlink answered EPERM); listing through ss'
    const { bar } = await page({ ...live, collector: 'ss', collectorNote: note })
    expect(within(bar).getByText(`via ss — ${note}`)).toBeTruthy()
  })

  it("counts the sockets whose owner the kernel hides, and offers to show them", async () => {
    let answer: (outcome: ShowAllOwnersOutcome) => void = () => undefined
    const { user, bar, fake } = await page({ ...live, hiddenOwners: 1 }, { showAllOwners: () => new Promise((resolve) => (answer = resolve)) })
    expect(bar.querySelector('.status-hidden')?.textContent).toBe("1 socket with hidden owner (another user's) Show all owners")
    const button = within(bar).getByRole('button', { name: 'Show all owners' })
    await user.click(button)
    expect(fake.callsTo('showAllOwners')).toEqual([[]])
    expect(button.textContent).toBe('Waiting for the password prompt…')
    expect(button).toHaveProperty('disabled', true)
    answer({ state: 'manual', message: 'No password prompt (pkexec, from polkit) is installed here. To show all owners, run this in a terminal:', command: 'sudo /opt/Portolan/resources/portolan-helper --socket /run/user/1000/portolan-helper.sock' })
    const outcome = await within(bar).findByRole('status')
    expect(outcome.textContent).toBe('No password prompt (pkexec, from polkit) is installed here. To show all owners, run this in a terminal: sudo /opt/Portolan/resources/portolan-helper --socket /run/user/1000/portolan-helper.sock')
    expect(outcome.querySelector('code')?.textContent).toBe('sudo /opt/Portolan/resources/portolan-helper --socket /run/user/1000/portolan-helper.sock')
    expect(button).toHaveProperty('disabled', false)
  })

  it('says nothing of hidden owners when Portolan runs as root', async () => {
    const { bar } = await page({ ...live, hiddenOwners: 1, privileged: true })
    expect(bar.querySelector('.status-hidden')).toBeNull()
    expect(within(bar).getByText('via sock_diag (root)')).toBeTruthy()
  })

  it('counts what the filter shows beside the total', async () => {
    const { user, bar } = await page(live)
    await user.type(screen.getByRole('searchbox', { name: 'Filter rows' }), ':3000')
    expect(within(bar).getByText('3 listeners (1 shown)')).toBeTruthy()
  })
})

describe('the stale banner', () => {
  it('says the collector failed, how often, why, and since when the rows are', async () => {
    const error = 'sock_diag failed: netlink request timed out after 5000 ms'
    const { bar, fake } = await page(live)
    expect(screen.queryByRole('alert')).toBeNull()
    fake.push('status', { ...live, state: 'stale', error, consecutiveFailures: 3, nextPollAt: Date.now() + 8000 })
    const banner = await screen.findByRole('alert')
    expect(banner.textContent).toMatch(new RegExp(`^Stale: the last 3 polls failed \\(${error}\\); rows are as of ${formatClock(lastPollAt)}\\. Retrying in \\d+ s\\.$`))
    expect(bar.querySelector('[data-state]')?.textContent).toBe('stale')
    // The rows stay, marked as old rather than dropped.
    expect(shownPorts()).toHaveLength(rows.length)
    fake.push('status', live)
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull())
  })

  it('says "poll" for one failure and leaves out the retry when none is planned', async () => {
    const { fake } = await page(live)
    fake.push('status', { ...live, state: 'stale', error: 'ss failed: ss exited with code 255', consecutiveFailures: 1, nextPollAt: null })
    expect((await screen.findByRole('alert')).textContent).toBe(`Stale: the last poll failed (ss failed: ss exited with code 255); rows are as of ${formatClock(lastPollAt)}.`)
  })

  it('says no poll has succeeded yet instead of dating rows that never came', async () => {
    const { fake } = await page(live)
    fake.push('status', { ...live, state: 'stale', error: 'ss failed: ss exited with code 255', consecutiveFailures: 2, nextPollAt: null, lastPollAt: null })
    expect((await screen.findByRole('alert')).textContent).toBe('Stale: the last 2 polls failed (ss failed: ss exited with code 255); no poll has succeeded yet, so no rows are shown.')
    fake.push('status', { ...live, state: 'paused', lastPollAt: null })
    expect((await screen.findByText('Monitoring is paused; no poll has run yet.')).getAttribute('role')).toBe('status')
  })

  it('says monitoring is paused, and since when the rows are', async () => {
    const { bar } = await page({ ...live, state: 'paused' })
    expect(screen.getByText(`Monitoring is paused; rows are as of ${formatClock(lastPollAt)}.`).getAttribute('role')).toBe('status')
    expect(bar.querySelector('[data-state]')?.textContent).toBe('paused')
  })

  it('says the page cannot reach the monitor when the first snapshot fails', async () => {
    renderApp([], { snapshot: () => Promise.reject(new Error('the monitor is not running')) })
    expect((await screen.findByRole('alert')).textContent).toBe('Cannot reach the monitor: the monitor is not running. Retrying.')
    expect(screen.getByRole('grid').textContent).toContain('Waiting for the monitor…')
  })
})
