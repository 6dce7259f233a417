import type { Page } from 'playwright-core'
import { HIDDEN_OWNER_TEXT } from '../../src/shared/owner'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startPreviewServer, type PreviewServer } from '../../scripts/preview/bridge-server'
import { ScriptedCore, syntheticRows } from '../../scripts/preview/scripted-core'
import { describeInChromium, launchChromium, type ChromiumSession } from './support/chromium'
import { watchPage } from './support/page-watch'
import { ensureRendererBuilt } from './support/renderer-build'

// 10,000 rows and 500-row deltas through the same bridge, from a scripted monitor.

const ROWS = 10_000
const WAIT_MS = 20_000

describeInChromium('renderer with 10,000 rows from a scripted monitor', () => {
  let core: ScriptedCore
  let server: PreviewServer
  let browser: ChromiumSession
  let page: Page
  let watcher: Awaited<ReturnType<typeof watchPage>>
  const rows = syntheticRows(ROWS, { firstPort: 1 })

  const grid = () => page.getByRole('grid', { name: 'Listening sockets' })
  const waitForSeq = (seq: number) => page.locator(`[role="grid"][data-applied-seq="${seq}"]`).waitFor({ timeout: WAIT_MS })

  beforeAll(async () => {
    ensureRendererBuilt()
    core = new ScriptedCore({ rows })
    server = await startPreviewServer({ core, port: 0, log: () => undefined })
    browser = await launchChromium()
    page = await browser.context.newPage()
    watcher = await watchPage(page)
    await page.goto(server.url)
    await page.locator(`[role="grid"][aria-rowcount="${ROWS + 1}"]`).waitFor({ timeout: WAIT_MS })
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('keeps only the visible rows in the DOM', async () => {
    const inDom = await page.locator('.grid-body [role="row"]').count()
    expect(inDom).toBeGreaterThan(10)
    expect(inDom).toBeLessThan(100)
    await expect(page.locator('.status-count').innerText()).resolves.toContain('10,000 listeners')
  })

  it('applies a 500-row delta: added green, changed yellow, removed red until they leave', async () => {
    // Sorted by port: ports 1.. will be the changed rows, ports 201..300 the removed ones. The removed
    // mark lasts 3 s, so the keyboard selects row 205 (port 206) before the delta, not after.
    await grid().focus()
    await page.keyboard.press('Home')
    const selected = page.locator('[role="row"][aria-selected="true"]')
    const selectedIndex = async () => Number(await selected.getAttribute('aria-rowindex')) - 2
    for (let index = await selectedIndex(); index !== 205; index = await selectedIndex()) {
      await page.keyboard.press(205 - index > 30 ? 'PageDown' : index < 205 ? 'ArrowDown' : 'ArrowUp')
    }
    await expect(selected.getAttribute('data-port')).resolves.toBe('206')

    const added = syntheticRows(200, { firstPort: 20_000 }).map((row) => ({ ...row, id: `added|${row.id}` }))
    const changed = rows.slice(0, 200).map((row) => ({ ...row, state: 'CHANGED' }))
    const removed = rows.slice(200, 300).map((row) => row.id)
    const started = Date.now()
    const delta = core.emit({ added, changed, removed })
    await waitForSeq(delta.seq)
    console.info(`a 500-row delta on ${ROWS} rows reached the DOM in ${Date.now() - started} ms (informational)`)

    await expect(selected.getAttribute('data-change')).resolves.toBe('removed')
    await expect(grid().getAttribute('aria-rowcount')).resolves.toBe(String(ROWS + 200 + 1))
    await expect(page.locator('.status-count').innerText()).resolves.toContain('10,100 listeners')
    await page.keyboard.press('Home')
    await expect(page.locator('[role="row"][data-port="1"]').getAttribute('data-change')).resolves.toBe('changed')
    await page.getByRole('searchbox', { name: 'Filter rows' }).fill('20000')
    await expect(page.locator('[role="row"][data-port="20000"]').getAttribute('data-change')).resolves.toBe('new')
    await page.getByRole('searchbox', { name: 'Filter rows' }).fill('')
    await page.locator(`[role="grid"][aria-rowcount="${ROWS + 100 + 1}"]`).waitFor({ timeout: WAIT_MS })
  })

  it('reaches the last of 10,000 rows with End', async () => {
    await grid().focus()
    await page.keyboard.press('End')
    const count = Number(await grid().getAttribute('aria-rowcount'))
    await page.locator(`[role="row"][aria-rowindex="${count}"][aria-selected="true"]`).waitFor()
  })

  it('scrolls a row far down the table into view when its alert is clicked, even under a filter that hides it', async () => {
    const target = rows[7_000]
    await page.getByRole('searchbox', { name: 'Filter rows' }).fill('nothing-matches-this')
    core.alert([target])
    await page.getByRole('button', { name: new RegExp(`^New listener: ${target.protocol} port ${target.port}:`) }).click()
    const row = page.locator(`[role="row"][data-port="${target.port}"][aria-selected="true"]`)
    await row.waitFor({ timeout: WAIT_MS })
    await expect(page.getByRole('searchbox', { name: 'Filter rows' }).inputValue()).resolves.toBe('')
    // In the grid's viewport, not merely in the DOM: the grid scrolled to it.
    const [rowBox, bodyBox] = await Promise.all([row.boundingBox(), page.locator('.grid-body').boundingBox()])
    expect(rowBox && bodyBox && rowBox.y >= bodyBox.y && rowBox.y + rowBox.height <= bodyBox.y + bodyBox.height).toBe(true)
    await expect(grid().evaluate((element) => element === element.ownerDocument.activeElement)).resolves.toBe(true)
  })

  it('takes a fresh snapshot when a delta goes missing', async () => {
    const delta = core.emitAfterGap({ added: syntheticRows(1, { firstPort: 30_000 }).map((row) => ({ ...row, id: 'after-gap' })), changed: [], removed: [] })
    await waitForSeq(delta.seq)
    await page.getByRole('searchbox', { name: 'Filter rows' }).fill('30000')
    await expect(page.locator('[role="row"][data-port="30000"]').getAttribute('data-change')).resolves.toBe('new')
    await page.getByRole('searchbox', { name: 'Filter rows' }).fill('')
  })

  it('says when the data is stale and whose owners are hidden', async () => {
    core.setStatus({ state: 'stale', error: 'sock_diag failed: EPERM', consecutiveFailures: 3, nextPollAt: Date.now() + 8000, hiddenOwners: 12 })
    const banner = page.getByRole('alert').filter({ hasText: 'Stale' })
    await banner.waitFor()
    await expect(banner.innerText()).resolves.toMatch(/last 3 polls failed \(sock_diag failed: EPERM\).*Retrying in \d+ s/s)
    await expect(page.locator('.status-state').innerText()).resolves.toMatch(/stale/i)
    await expect(page.locator('.status-hidden').innerText()).resolves.toContain("12 sockets with hidden owner (another user's; run as root to see)")
    // syntheticRows hides every 17th owner, starting with the first row (port 1).
    await expect(page.locator('[role="row"][data-port="1"] .col-process').innerText()).resolves.toBe(HIDDEN_OWNER_TEXT)
    core.setStatus({ state: 'ok', error: null, consecutiveFailures: 0 })
    await banner.waitFor({ state: 'detached' })
  })

  it('shows the empty state when nothing listens', async () => {
    const { rows: current } = core.snapshot()
    core.emit({ added: [], changed: [], removed: current.map((row) => row.id) })
    await page.getByText('Nothing is listening on this machine right now.').waitFor({ timeout: WAIT_MS })
  })

  it('logs no Content Security Policy violation and no error', async () => {
    const problems = await watcher.collect()
    expect(problems.cspViolations).toEqual([])
    expect(problems.errors).toEqual([])
  })
})
