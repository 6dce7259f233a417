// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { SettingsButton } from '../../../../../src/renderer/src/components/toolbar/SettingsButton'
import { startSettingsSync, useSettingsStore } from '../../../../../src/renderer/src/store/settings-store'
import { DEFAULT_COLUMNS, DEFAULT_SETTINGS, type Settings } from '../../../../../src/shared/settings'
import { settingsAnswers } from '../support/fake-api'
import { fakePortolan, renderInPage } from '../support/page'

const saved: Settings = {
  ...DEFAULT_SETTINGS,
  pollIntervalMs: 1500,
  theme: 'dark',
  alerts: { enabled: true, watchedPorts: [3000, 8080], processNames: ['postgres'], exposedBeyondLoopback: false },
}

/** The Settings… button on a page whose main keeps `initial` (and pushes every change, as main does). */
async function settingsPanel(initial: Settings = saved) {
  const user = userEvent.setup()
  let push: (settings: Settings) => void = () => undefined
  const fake = fakePortolan(settingsAnswers(initial, (settings) => push(settings)))
  push = (settings) => fake.push('settings', settings)
  const stop = startSettingsSync(fake.api)
  renderInPage(<SettingsButton />)
  const open = screen.getByRole('button', { name: 'Settings…' })
  await waitFor(() => expect(open).toHaveProperty('disabled', false))
  await user.click(open)
  const dialog = screen.getByRole('dialog', { name: 'Settings' })
  const poll = within(dialog).getByRole('spinbutton', { name: /Poll interval/ })
  const ports = within(dialog).getByRole('textbox', { name: 'Watched ports' })
  const names = within(dialog).getByRole('textbox', { name: 'Watched process names' })
  const save = within(dialog).getByRole('button', { name: 'Save settings' })
  return { user, fake, dialog, poll, ports, names, save, stop }
}

const checked = (dialog: HTMLElement, name: string) => (within(dialog).getByRole<HTMLInputElement>(name === 'theme' ? 'radio' : 'checkbox', { name }).checked)

describe('the settings panel', () => {
  it('shows the settings main keeps', async () => {
    const { dialog, poll, ports, names } = await settingsPanel()
    expect(poll).toHaveProperty('value', '1.5')
    expect(within(dialog).getByRole<HTMLInputElement>('radio', { name: 'Dark' }).checked).toBe(true)
    expect(checked(dialog, 'Alert me about new listeners')).toBe(true)
    expect(ports).toHaveProperty('value', '3000, 8080')
    expect(names).toHaveProperty('value', 'postgres')
    const columns = within(within(dialog).getByRole('group', { name: 'Visible columns' })).getAllByRole<HTMLInputElement>('checkbox')
    expect(columns.filter((box) => box.checked)).toHaveLength(DEFAULT_COLUMNS.length)
  })

  it('refuses a poll interval out of range in seconds, sends nothing and keeps every edit', async () => {
    const { user, fake, dialog, poll, ports, save } = await settingsPanel()
    await user.click(within(dialog).getByRole('radio', { name: 'Light' }))
    await user.clear(ports)
    await user.type(ports, '3000, 5173')
    await user.clear(poll)
    await user.type(poll, '0.1')
    await user.click(save)
    expect(within(dialog).getByRole('alert').textContent).toBe('Poll interval must be at least 0.25 s')
    expect(fake.callsTo('updateSettings')).toEqual([])
    expect(screen.getByRole('dialog', { name: 'Settings' })).toBe(dialog)
    expect(poll).toHaveProperty('value', '0.1')
    expect(ports).toHaveProperty('value', '3000, 5173')
    expect(within(dialog).getByRole<HTMLInputElement>('radio', { name: 'Light' }).checked).toBe(true)
    // Editing clears the message.
    await user.type(poll, '5')
    expect(within(dialog).queryByRole('alert')).toBeNull()
  })

  it('refuses a watched port that is not one, naming it', async () => {
    const { user, fake, dialog, ports, save } = await settingsPanel()
    await user.type(ports, ', 99999')
    await user.click(save)
    expect(within(dialog).getByRole('alert').textContent).toBe('port 99999 is out of range: ports are 0-65535')
    expect(fake.callsTo('updateSettings')).toEqual([])
    expect(ports).toHaveProperty('value', '3000, 8080, 99999')
  })

  it('saves the validated settings in one patch, closes, and the page follows main', async () => {
    const { user, fake, dialog, poll, ports, names, save } = await settingsPanel()
    await user.clear(poll)
    await user.type(poll, '2')
    await user.click(within(dialog).getByRole('radio', { name: 'System' }))
    await user.click(within(dialog).getByRole('checkbox', { name: 'PID' }))
    await user.clear(ports)
    await user.type(ports, '8080/tcp 5432,  5432')
    await user.type(names, ', redis-server ,')
    await user.click(within(dialog).getByRole('checkbox', { name: 'Anything exposed beyond loopback' }))
    await user.click(save)
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    const patch: Partial<Settings> = {
      pollIntervalMs: 2000,
      theme: 'system',
      visibleColumns: DEFAULT_COLUMNS.filter((column) => column !== 'pid'),
      alerts: { enabled: true, watchedPorts: [8080, 5432], processNames: ['postgres', 'redis-server'], exposedBeyondLoopback: true },
      reverseDns: false,
    }
    expect(fake.callsTo('updateSettings')).toEqual([[patch]])
    expect(useSettingsStore.getState().settings).toEqual({ ...saved, ...patch })
  })

  it("shows main's refusal in the form's words, and keeps the form to fix it", async () => {
    const { user, fake, dialog, names, save } = await settingsPanel()
    const long = 'x'.repeat(201)
    await user.clear(names)
    await user.click(names)
    await user.paste(long)
    await user.click(save)
    // main's schema refused it (the page's check leaves lengths to main): its path becomes the field's name.
    expect((await within(dialog).findByRole('alert')).textContent).toBe('Watched process names: Invalid length: Expected <=200 but received 201')
    expect(fake.refusals).toEqual([{ name: 'updateSettings', message: '0.alerts.processNames.0: Invalid length: Expected <=200 but received 201' }])
    expect(names).toHaveProperty('value', long)
    expect(save).toHaveProperty('disabled', false)
  })

  it('saves nothing on Cancel or Escape', async () => {
    const first = await settingsPanel()
    await first.user.clear(first.poll)
    await first.user.type(first.poll, '30')
    await first.user.click(within(first.dialog).getByRole('button', { name: 'Cancel' }))
    expect(screen.queryByRole('dialog')).toBeNull()

    await first.user.click(screen.getByRole('button', { name: 'Settings…' }))
    const again = screen.getByRole('dialog', { name: 'Settings' })
    // Reopened, it shows what main keeps, not the cancelled edit.
    expect(within(again).getByRole('spinbutton', { name: /Poll interval/ })).toHaveProperty('value', '1.5')
    await first.user.keyboard('{Escape}')
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    expect(first.fake.callsTo('updateSettings')).toEqual([])
  })
})
