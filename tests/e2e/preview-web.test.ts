import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Locator, Page } from 'playwright-core'
import { afterAll, assert, beforeAll, expect, it } from 'vitest'
import { startPreviewServer, type PreviewServer } from '../../scripts/preview/bridge-server'
import { previewCoreOf } from '../../scripts/preview/preview-host'
import { composeApp, type PortolanApp } from '../../src/main/core/compose'
import { describeInChromium, launchChromium, type ChromiumSession } from './support/chromium'
import { openTcpListener, type TestListener } from './support/listeners'
import { shownPorts as shownPortsOf } from './support/grid'
import { watchPage } from './support/page-watch'
import { ensureAppBuilt } from '../helpers/app-build'

// The built renderer in Debian's Chromium, over the preview bridge and the real monitor.

const SCREENSHOT = fileURLToPath(new URL('../../test-results/preview-web.png', import.meta.url))
const SCREENSHOT_DARK = fileURLToPath(new URL('../../test-results/preview-web-dark.png', import.meta.url))
const APPEAR_TIMEOUT_MS = 15_000
const POLL_INTERVAL_MS = 500
/** A story is quick, but this machine may be busy (other test suites open thousands of sockets). */
const STORY_TIMEOUT_MS = 20_000

describeInChromium('web preview over the real monitor', () => {
  let core: PortolanApp
  let server: PreviewServer
  let browser: ChromiumSession
  let page: Page
  let watcher: Awaited<ReturnType<typeof watchPage>>
  /** Completed polls, counted from the monitor's status updates. */
  let polls = 0

  const rowOf = (port: number): Locator => page.locator(`[role="row"][data-port="${port}"][data-protocol="tcp"]`)
  const filterBox = () => page.getByRole('searchbox', { name: 'Filter rows' })
  const setFilter = async (text: string) => {
    await filterBox().fill(text)
  }
  /** Ports of the rows in the DOM, in the grid's order. */
  const shownPorts = () => shownPortsOf(page)


  beforeAll(async () => {
    ensureAppBuilt()
    core = composeApp({ intervalMs: POLL_INTERVAL_MS })
    let lastPollAt: number | null = null
    core.monitor.onStatus((status) => {
      if (status.lastPollAt !== lastPollAt) polls += 1
      lastPollAt = status.lastPollAt
    })
    core.start()
    server = await startPreviewServer({ core: previewCoreOf(core), port: 0, log: () => undefined })
    browser = await launchChromium()
    page = await browser.context.newPage()
    watcher = await watchPage(page)
    await page.goto(server.url)
    await page.getByRole('grid', { name: 'Listening sockets' }).waitFor()
    await page.locator('.status-state[data-state="ok"]').waitFor({ timeout: APPEAR_TIMEOUT_MS })
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
    await core?.close()
  })

  it('shows a new listener as a green "new" row within two polls, then red, then gone after it closes', async () => {
    const listener = await openTcpListener()
    const pollsAtOpen = polls
    let appearedAfterPolls: number | null = null
    const offDelta = core.monitor.onDelta((delta) => {
      if (appearedAfterPolls === null && delta.added.some((row) => row.port === listener.port && row.protocol === 'tcp')) {
        appearedAfterPolls = polls - pollsAtOpen
      }
    })
    try {
      await setFilter(String(listener.port))
      const row = rowOf(listener.port)
      await row.and(page.locator('[data-change="new"]')).waitFor({ timeout: APPEAR_TIMEOUT_MS })
      expect(appearedAfterPolls).not.toBeNull()
      expect(appearedAfterPolls).toBeLessThanOrEqual(2)
      // The light theme's --row-new.
      const background = `getComputedStyle(document.querySelector('[role="row"][data-port="${listener.port}"]')).backgroundColor`
      await expect.poll(() => page.evaluate(background), { timeout: 5000 }).toBe('rgb(201, 242, 199)')
      await expect(row.locator('.col-process').innerText()).resolves.toMatch(/node|vitest/)
      await expect(row.locator('.col-exposure').innerText()).resolves.toBe('loopback')

      await listener.close()
      await row.and(page.locator('[data-change="removed"]')).waitFor({ timeout: APPEAR_TIMEOUT_MS })
      await row.waitFor({ state: 'detached', timeout: APPEAR_TIMEOUT_MS })
    } finally {
      offDelta()
      await listener.close().catch(() => undefined)
      await setFilter('')
    }
  })

  it('sorts by a column and filters by text, protocol and exposure', async () => {
    const listeners: TestListener[] = []
    try {
      for (let i = 0; i < 3; i += 1) listeners.push(await openTcpListener())
      // This process's pid narrows the table to its own few sockets, however many other tests open.
      await setFilter(`${process.pid} 127.0.0.1`)
      for (const listener of listeners) await rowOf(listener.port).waitFor({ timeout: APPEAR_TIMEOUT_MS })

      const portHeader = page.getByRole('columnheader', { name: /^Port/ })
      await expect(portHeader.getAttribute('aria-sort')).resolves.toBe('ascending')
      const ascending = await shownPorts()
      expect(ascending).toEqual([...ascending].sort((a, b) => a - b))
      await portHeader.getByRole('button').click()
      await expect(portHeader.getAttribute('aria-sort')).resolves.toBe('descending')
      const descending = await shownPorts()
      expect(descending).toEqual([...descending].sort((a, b) => b - a))
      expect(descending).toEqual(expect.arrayContaining(listeners.map((l) => l.port)))

      const [first, ...others] = listeners
      assert(first, 'no listener opened')
      await setFilter(`${first.port} ${process.pid}`)
      await expect.poll(shownPorts).toContain(first.port)
      for (const other of others) expect(await shownPorts()).not.toContain(other.port)

      await page.getByRole('checkbox', { name: 'TCP' }).uncheck()
      await rowOf(first.port).waitFor({ state: 'detached' })
      await page.getByRole('checkbox', { name: 'TCP' }).check()
      await rowOf(first.port).waitFor()

      await page.getByRole('checkbox', { name: 'Exposed only' }).check()
      await rowOf(first.port).waitFor({ state: 'detached' })
      await page.getByRole('checkbox', { name: 'Exposed only' }).uncheck()
      await rowOf(first.port).waitFor()
    } finally {
      await portHeaderReset(page)
      await setFilter('')
      await Promise.all(listeners.map((l) => l.close()))
    }
  })

  it('opens the story on double-click and on Enter (a click selects), closes it with Esc, and opens any port from the search box', async () => {
    const listener = await openTcpListener()
    try {
      await setFilter(String(listener.port))
      const row = rowOf(listener.port)
      await row.waitFor({ timeout: APPEAR_TIMEOUT_MS })
      await row.dblclick()
      const story = page.getByRole('complementary', { name: `Story of port ${listener.port}` })
      await story.waitFor()
      await expect(row.getAttribute('aria-selected')).resolves.toBe('true')
      await setFilter('')
      await page.keyboard.press('Escape')
      await story.waitFor({ state: 'detached' })

      // Keyboard only: "/" reaches the filter; arrows move the selection in the grid; Enter opens it.
      const grid = page.getByRole('grid', { name: 'Listening sockets' })
      await grid.focus()
      await page.keyboard.press('/')
      await expect(page.evaluate("document.activeElement?.getAttribute('aria-label')")).resolves.toBe('Filter rows')
      await page.keyboard.type(String(listener.port))
      await grid.focus()
      await page.keyboard.press('Home')
      await expect(grid.getAttribute('aria-activedescendant')).resolves.toBeTruthy()
      await page.keyboard.press('Enter')
      await page.getByRole('complementary', { name: /^Story of port \d+/ }).waitFor()
      await page.keyboard.press('Escape')

      const search = page.getByRole('textbox', { name: 'Port number for its story' })
      await search.fill('99999')
      await search.press('Enter')
      await expect(page.getByRole('alert').filter({ hasText: 'out of range' }).innerText()).resolves.toContain('ports are 0-65535')
      await search.fill('1322/tcp')
      await search.press('Enter')
      await page.getByRole('complementary', { name: 'Story of port 1322' }).waitFor()
      await page.keyboard.press('Escape')

      // The screenshot: the listener's row selected, its story open beside the table.
      await setFilter('')
      await row.dblclick()
      await story.waitFor()
      await page.getByRole('complementary', { name: `Story of port ${listener.port}` }).getByRole('heading').first().waitFor({ timeout: STORY_TIMEOUT_MS })
      mkdirSync(fileURLToPath(new URL('../../test-results/', import.meta.url)), { recursive: true })
      await page.screenshot({ path: SCREENSHOT })
      await page.emulateMedia({ colorScheme: 'dark' })
      await page.screenshot({ path: SCREENSHOT_DARK })
      await page.emulateMedia({ colorScheme: 'light' })
    } finally {
      await listener.close()
    }
  })

  it('logs no Content Security Policy violation and no error', async () => {
    const problems = await watcher.collect()
    expect(problems.cspViolations).toEqual([])
    expect(problems.errors).toEqual([])
  })
})

async function portHeaderReset(page: Page): Promise<void> {
  const header = page.getByRole('columnheader', { name: /^Port/ })
  if ((await header.getAttribute('aria-sort')) !== 'ascending') await header.getByRole('button').click()
}
