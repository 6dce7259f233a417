import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'csv-parse/sync'
import type { Locator, Page } from 'playwright-core'
import { afterAll, assert, beforeAll, expect, it, vi } from 'vitest'
import { startPreviewServer, type PreviewServer } from '../../scripts/preview/bridge-server'
import { previewHost, type PreviewHost } from '../../scripts/preview/preview-host'
import { composeApp, type PortolanApp } from '../../src/main/core/compose'
import { describeInChromium, launchChromium, type ChromiumSession } from './support/chromium'
import { freePort, listenOn, spawnChildListener } from './support/feature-listeners'
import type { TestListener } from './support/listeners'
import { shownPorts as shownPortsOf } from './support/grid'
import { watchPage } from './support/page-watch'
import { ensureAppBuilt } from '../helpers/app-build'

// Issue 7's page features in Debian's Chromium, over the preview bridge and the real monitor.

const RESULTS_DIR = fileURLToPath(new URL('../../test-results/', import.meta.url))
/** Generous: other suites may load this machine (thousands of sockets, benchmarks). */
const APPEAR_TIMEOUT_MS = 20_000
/** Each test waits for a few polls and maybe an alert batch; more than vitest's default 30 s under load. */
const TEST_TIMEOUT_MS = 90_000
/** Alerts are batched for a few seconds before they are sent. */
const ALERT_TIMEOUT_MS = 20_000
/** A loopback address no other test uses: a filter on it shows only this file's listeners. */
const PRIVATE_LOOPBACK = '127.88.77.66'
/** Another one for the keyboard test, so rows the export test closed (fading out) are not in its way. */
const KEYBOARD_LOOPBACK = '127.88.77.67'

describeInChromium('issue 7 features in the page, over the real monitor', () => {
  vi.setConfig({ testTimeout: TEST_TIMEOUT_MS })
  let dataDir: string
  let exportDir: string
  let core: PortolanApp
  let host: PreviewHost
  let server: PreviewServer
  let browser: ChromiumSession
  let page: Page
  let watcher: Awaited<ReturnType<typeof watchPage>>

  const startMonitor = async (intervalMs?: number) => {
    core = composeApp({ dataDir, intervalMs })
    core.start()
    host = previewHost(core, exportDir)
    server = await startPreviewServer({ core: host.core, handlers: host.handlers, port: 0, log: () => undefined })
  }
  const stopMonitor = async () => {
    await server.close()
    await core.close()
  }
  const openPage = async () => {
    await page.goto(server.url)
    await page.getByRole('grid', { name: 'Listening sockets' }).waitFor()
    await page.locator('.status-state[data-state="ok"]').waitFor({ timeout: APPEAR_TIMEOUT_MS })
    await page.getByRole('button', { name: 'Settings…' }).and(page.locator(':enabled')).waitFor()
  }

  const rowOf = (port: number): Locator => page.locator(`.grid-body [role="row"][data-port="${port}"][data-protocol="tcp"]`)
  const filterBox = () => page.getByRole('searchbox', { name: 'Filter rows' })
  const exposedOnly = () => page.getByRole('checkbox', { name: 'Exposed only' })
  const actions = () => page.getByRole('toolbar', { name: 'Selected row actions' })
  const dialog = (name: string | RegExp) => page.getByRole('dialog', { name })
  const shownPorts = () => shownPortsOf(page)

  /** Selects a row by clicking it (which also opens its story), then closes the story again. */
  const selectRow = async (port: number) => {
    await rowOf(port).click()
    await expect.poll(() => rowOf(port).getAttribute('aria-selected')).toBe('true')
    await page.keyboard.press('Escape')
    await page.getByRole('complementary', { name: /^Story of port/ }).waitFor({ state: 'detached' })
  }
  const openSettings = async () => {
    await page.getByRole('button', { name: 'Settings…' }).click()
    await dialog('Settings').waitFor()
  }
  const saveSettings = async () => {
    await dialog('Settings').getByRole('button', { name: 'Save settings' }).click()
    await dialog('Settings').waitFor({ state: 'detached' })
  }

  beforeAll(async () => {
    ensureAppBuilt()
    mkdirSync(RESULTS_DIR, { recursive: true })
    dataDir = await mkdtemp(join(tmpdir(), 'portolan-features-data-'))
    exportDir = await mkdtemp(join(tmpdir(), 'portolan-features-export-'))
    await startMonitor(250)
    browser = await launchChromium()
    page = await browser.context.newPage()
    watcher = await watchPage(page)
    await openPage()
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
    await core?.close()
    if (dataDir) await rm(dataDir, { recursive: true, force: true })
    if (exportDir) await rm(exportDir, { recursive: true, force: true })
  })

  it('alerts: a watched port set in the settings panel raises a toast; clicking it selects the row; another port does not', async () => {
    const watched = await freePort()
    let other = await freePort()
    while (other === watched) other = await freePort()

    await openSettings()
    const panel = dialog('Settings')
    // Off by default.
    await expect(panel.getByRole('checkbox', { name: 'Alert me about new listeners' }).isChecked()).resolves.toBe(false)
    await panel.getByRole('checkbox', { name: 'Alert me about new listeners' }).check()
    await panel.getByRole('textbox', { name: 'Watched ports' }).fill(String(watched))
    await saveSettings()
    await expect.poll(() => core.settings.get().alerts).toMatchObject({ enabled: true, watchedPorts: [watched] })

    const listeners: TestListener[] = []
    try {
      // The other port first, seen by the monitor before the watched one: an alert for it would come first.
      listeners.push(await listenOn('127.0.0.1', other))
      await rowOf(other).waitFor({ state: 'attached', timeout: APPEAR_TIMEOUT_MS }).catch(async () => {
        await filterBox().fill(String(other))
        await rowOf(other).waitFor({ timeout: APPEAR_TIMEOUT_MS })
      })
      await filterBox().fill('')
      listeners.push(await listenOn('127.0.0.1', watched))

      const toasts = page.getByRole('region', { name: 'Alerts' })
      const toast = toasts.getByRole('button', { name: new RegExp(`^New listener: tcp port ${watched}:`) })
      await toast.waitFor({ timeout: ALERT_TIMEOUT_MS })
      await expect(toasts.innerText()).resolves.not.toContain(String(other))
      // A filter that hides the row: clicking the toast must still show and select it.
      await filterBox().fill('nothing-matches-this')
      await toast.click()
      await expect.poll(() => rowOf(watched).getAttribute('aria-selected'), { timeout: APPEAR_TIMEOUT_MS }).toBe('true')
      await expect(actions().innerText()).resolves.toContain(`127.0.0.1:${watched}`)
    } finally {
      await Promise.all(listeners.map((listener) => listener.close()))
      await filterBox().fill('')
    }
  })

  it('exposure filter: "Exposed only" shows the 0.0.0.0 listener and hides the 127.0.0.1 one', async () => {
    const loopback = await listenOn('127.0.0.1')
    const exposed = await listenOn('0.0.0.0')
    try {
      await filterBox().fill(String(process.pid))
      await rowOf(loopback.port).waitFor({ timeout: APPEAR_TIMEOUT_MS })
      await rowOf(exposed.port).waitFor({ timeout: APPEAR_TIMEOUT_MS })
      await exposedOnly().check()
      await rowOf(loopback.port).waitFor({ state: 'detached' })
      await expect(rowOf(exposed.port).locator('.col-exposure').innerText()).resolves.toBe('all interfaces')
      for (const port of await shownPorts()) expect(port).not.toBe(loopback.port)
    } finally {
      await exposedOnly().uncheck()
      await filterBox().fill('')
      await Promise.all([loopback.close(), exposed.close()])
    }
  })

  it('stops a child process after a confirmation that names it, reports the port freed, and the row leaves', async () => {
    const target = await spawnChildListener()
    try {
      await filterBox().fill(String(target.port))
      await rowOf(target.port).waitFor({ timeout: APPEAR_TIMEOUT_MS })
      await selectRow(target.port)
      await actions().getByRole('button', { name: 'Stop process…' }).click()
      const confirm = dialog(/^Stop /)
      await confirm.locator('[data-field="pid"]').waitFor()
      await expect(confirm.locator('[data-field="pid"]').innerText()).resolves.toBe(String(target.pid))
      await expect(confirm.locator('[data-field="name"]').innerText()).resolves.toMatch(/node/)
      await expect(confirm.locator('[data-field="ports"]').innerText()).resolves.toContain(`127.0.0.1:${target.port}`)
      await expect(confirm.locator('[data-field="command-line"]').innerText()).resolves.toContain('-e')
      await page.screenshot({ path: join(RESULTS_DIR, 'features-stop-dialog.png') })

      await confirm.getByRole('button', { name: 'Stop process', exact: true }).click()
      const outcome = confirm.locator('.stop-outcome')
      await outcome.waitFor({ timeout: APPEAR_TIMEOUT_MS })
      await expect(outcome.getAttribute('data-result')).resolves.toBe('freed')
      await expect(outcome.innerText()).resolves.toMatch(/free/i)
      await expect(target.exited).resolves.toBe('SIGTERM')
      await rowOf(target.port).waitFor({ state: 'detached', timeout: APPEAR_TIMEOUT_MS })
      await confirm.getByRole('button', { name: 'Close', exact: true }).click()
      await confirm.waitFor({ state: 'detached' })
    } finally {
      await target.reap()
      await filterBox().fill('')
    }
  })

  it('refuses to stop Portolan itself (the preview server listens in this process) and says why', async () => {
    const ownPort = Number(new URL(server.origin).port)
    await filterBox().fill(`${ownPort} ${process.pid}`)
    try {
      await rowOf(ownPort).waitFor({ timeout: APPEAR_TIMEOUT_MS })
      await selectRow(ownPort)
      await actions().getByRole('button', { name: 'Stop process…' }).click()
      const refusal = dialog('Stop process').getByRole('alert')
      await refusal.waitFor()
      await expect(refusal.innerText()).resolves.toContain('that is Portolan itself')
      await expect(dialog('Stop process').getByRole('button', { name: 'Stop process', exact: true }).count()).resolves.toBe(0)
      await page.keyboard.press('Escape')
      await dialog('Stop process').waitFor({ state: 'detached' })
      // Focus went back to the button that opened the dialog.
      await expect(page.evaluate('document.activeElement?.textContent')).resolves.toBe('Stop process…')
    } finally {
      await filterBox().fill('')
    }
  })

  it('exports exactly the shown rows, in the shown order, as CSV', async () => {
    const listeners = [await listenOn(PRIVATE_LOOPBACK), await listenOn(PRIVATE_LOOPBACK), await listenOn(PRIVATE_LOOPBACK)]
    try {
      await filterBox().fill(PRIVATE_LOOPBACK)
      for (const listener of listeners) await rowOf(listener.port).waitFor({ timeout: APPEAR_TIMEOUT_MS })
      // Newest first by port, so the export's order is the table's, not the monitor's.
      await page.getByRole('columnheader', { name: /^Port/ }).getByRole('button').click()
      await expect.poll(shownPorts).toEqual(listeners.map((l) => l.port).sort((a, b) => b - a))
      const shown = await shownPorts()

      await page.getByRole('button', { name: 'Export shown rows as CSV' }).click()
      const result = page.locator('.export-result')
      await expect.poll(() => result.innerText(), { timeout: APPEAR_TIMEOUT_MS }).toMatch(/^Saved 3 rows to /)
      const files = readdirSync(exportDir).filter((name) => name.endsWith('.csv'))
      const [file] = files
      expect(files).toHaveLength(1)
      assert(file !== undefined)
      expect(await result.innerText()).toContain(join(exportDir, file))
      const records = parse<Record<string, string>>(readFileSync(join(exportDir, file), 'utf8'), { columns: true })
      expect(records.map((record) => Number(record.port))).toEqual(shown)
      for (const record of records) expect(record).toMatchObject({ protocol: 'tcp', address: PRIVATE_LOOPBACK, pid: String(process.pid) })
    } finally {
      await page.getByRole('columnheader', { name: /^Port/ }).getByRole('button').click()
      await filterBox().fill('')
      await Promise.all(listeners.map((listener) => listener.close()))
    }
  })

  it('opens a TCP listener in the browser as http://localhost:PORT/', async () => {
    const listener = await listenOn('127.0.0.1')
    try {
      await filterBox().fill(String(listener.port))
      await rowOf(listener.port).waitFor({ timeout: APPEAR_TIMEOUT_MS })
      await selectRow(listener.port)
      await actions().getByRole('button', { name: 'Open in browser' }).click()
      await expect.poll(() => host.opened).toContain(`http://localhost:${listener.port}/`)
      await expect.poll(() => actions().getByRole('status').innerText()).toBe(`Opened http://localhost:${listener.port}/`)
    } finally {
      await filterBox().fill('')
      await listener.close()
    }
  })

  it('pauses and resumes monitoring, following the monitor\'s state', async () => {
    await page.getByRole('button', { name: 'Pause monitoring' }).click()
    await page.locator('.status-state[data-state="paused"]').waitFor({ timeout: APPEAR_TIMEOUT_MS })
    await page.getByRole('button', { name: 'Resume monitoring' }).click()
    await page.locator('.status-state[data-state="ok"]').waitFor({ timeout: APPEAR_TIMEOUT_MS })
    await page.getByRole('button', { name: 'Pause monitoring' }).waitFor()
  })

  it('keyboard: arrows move the selection, Enter opens the story, Esc closes it and dialogs, "/" focuses the filter', async () => {
    const listeners = [await listenOn(KEYBOARD_LOOPBACK), await listenOn(KEYBOARD_LOOPBACK)]
    const [low, high] = listeners.map((l) => l.port).sort((a, b) => a - b)
    assert(low !== undefined && high !== undefined)
    try {
      await filterBox().fill(KEYBOARD_LOOPBACK)
      await expect.poll(shownPorts, { timeout: APPEAR_TIMEOUT_MS }).toEqual([low, high])
      const grid = page.getByRole('grid', { name: 'Listening sockets' })
      await grid.focus()
      await page.keyboard.press('Home')
      await expect.poll(() => rowOf(low).getAttribute('aria-selected')).toBe('true')
      await page.keyboard.press('ArrowDown')
      await expect.poll(() => rowOf(high).getAttribute('aria-selected')).toBe('true')
      await expect(rowOf(low).getAttribute('aria-selected')).resolves.toBe('false')
      await page.keyboard.press('ArrowUp')
      await expect.poll(() => rowOf(low).getAttribute('aria-selected')).toBe('true')
      await page.keyboard.press('Enter')
      const story = page.getByRole('complementary', { name: `Story of port ${low}` })
      await story.waitFor()
      await page.keyboard.press('Escape')
      await story.waitFor({ state: 'detached' })

      await grid.focus()
      await page.keyboard.press('/')
      await expect(page.evaluate("document.activeElement?.getAttribute('aria-label')")).resolves.toBe('Filter rows')

      // A dialog keeps focus inside, closes on Esc and gives focus back to its opener.
      await page.getByRole('button', { name: 'Settings…' }).focus()
      await page.keyboard.press('Enter')
      await dialog('Settings').waitFor()
      for (let i = 0; i < 30; i += 1) {
        await page.keyboard.press('Tab')
        await expect(page.evaluate("Boolean(document.activeElement?.closest('dialog'))")).resolves.toBe(true)
      }
      await page.keyboard.press('Escape')
      await dialog('Settings').waitFor({ state: 'detached' })
      await expect(page.evaluate('document.activeElement?.textContent')).resolves.toBe('Settings…')
    } finally {
      await filterBox().fill('')
      await Promise.all(listeners.map((listener) => listener.close()))
    }
  })

  it('shows a rejected settings change with its one-line reason', async () => {
    await openSettings()
    const panel = dialog('Settings')
    await panel.getByRole('spinbutton', { name: 'Poll interval (seconds)' }).fill('0.1')
    await panel.getByRole('button', { name: 'Save settings' }).click()
    await expect(panel.getByRole('alert').innerText()).resolves.toMatch(/Poll interval must be at least 0.25 s/)
    await page.screenshot({ path: join(RESULTS_DIR, 'features-settings-error.png') })
    await page.keyboard.press('Escape')
    await panel.waitFor({ state: 'detached' })
    expect(core.settings.get().pollIntervalMs).toBe(1000)
  })

  it('keeps theme, poll interval and filter across a restart of the monitor', async () => {
    await openSettings()
    const panel = dialog('Settings')
    await panel.getByRole('radio', { name: 'Dark' }).check()
    await panel.getByRole('spinbutton', { name: 'Poll interval (seconds)' }).fill('2')
    await page.screenshot({ path: join(RESULTS_DIR, 'features-settings.png') })
    await saveSettings()
    await expect.poll(() => page.evaluate('document.documentElement.dataset.theme')).toBe('dark')
    await filterBox().fill('udp')
    await exposedOnly().check()
    await expect.poll(() => core.settings.get().filters, { timeout: 5000 }).toMatchObject({ text: 'udp', exposedOnly: true })
    expect(core.settings.get()).toMatchObject({ theme: 'dark', pollIntervalMs: 2000 })
    await page.screenshot({ path: join(RESULTS_DIR, 'features-dark.png') })

    await stopMonitor()
    // No intervalMs: the new monitor takes the saved one.
    await startMonitor()
    await openPage()
    await expect.poll(() => page.evaluate('document.documentElement.dataset.theme')).toBe('dark')
    await expect.poll(() => filterBox().inputValue()).toBe('udp')
    await expect(exposedOnly().isChecked()).resolves.toBe(true)
    await expect(page.locator('.status-poll').innerText()).resolves.toContain('every 2 s')
    await openSettings()
    await expect(dialog('Settings').getByRole('spinbutton', { name: 'Poll interval (seconds)' }).inputValue()).resolves.toBe('2')
    await expect(dialog('Settings').getByRole('radio', { name: 'Dark' }).isChecked()).resolves.toBe(true)
    await page.keyboard.press('Escape')
  })

  it("shows what main met loading the user's files (a corrupt settings file moved aside) in a dismissible banner", async () => {
    await stopMonitor()
    writeFileSync(join(dataDir, 'settings.json'), '{ not json')
    await startMonitor(250)
    await openPage()
    const banner = page.locator('.notices-banner')
    await banner.waitFor()
    await expect(banner.innerText()).resolves.toMatch(/settings/i)
    await banner.getByRole('button', { name: 'Dismiss' }).click()
    await banner.waitFor({ state: 'detached' })
  })

  it('logs no Content Security Policy violation and no error', async () => {
    const problems = await watcher.collect()
    expect(problems.cspViolations).toEqual([])
    expect(problems.errors).toEqual([])
  })
})
