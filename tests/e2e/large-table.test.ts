import type { Page } from 'playwright-core'
import { HIDDEN_OWNER_TEXT } from '../../src/shared/owner'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startPreviewServer, type PreviewServer } from '../../scripts/preview/bridge-server'
import { ScriptedCore, syntheticRows } from '../../scripts/preview/scripted-core'
import { describeInChromium, launchChromium, type ChromiumSession } from './support/chromium'
import { watchPage } from './support/page-watch'
import { ensureAppBuilt } from '../helpers/app-build'

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
    ensureAppBuilt()
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
    // Highlights expire (removed rows leave after 3 s), so the page records every mark it shows and the test
    // reads that record, however long a loaded machine takes to get there.
    await page.evaluate(`(() => {
      const seen = new Set()
      const record = () => {
        for (const row of document.querySelectorAll('[role="row"][data-port][data-change]')) seen.add(row.dataset.port + ':' + row.dataset.change)
      }
      new MutationObserver(record).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-change'] })
      window.seenMarks = seen
    })()`)
    // Sorted by port, the top of the table holds all three kinds: port 1 loses its row and gains a new one,
    // odd ports up to 199 are removed, even ports up to 200 (and 201-300) change.
    const added = syntheticRows(200, { firstPort: 1 }).map((row) => ({ ...row, id: `added|${row.id}` }))
    const removedRows = rows.slice(0, 200).filter((_, i) => i % 2 === 0)
    const changed = [...rows.slice(0, 200).filter((_, i) => i % 2 === 1), ...rows.slice(200, 300)].map((row) => ({ ...row, state: 'CHANGED' }))
    expect(added.length + removedRows.length + changed.length).toBe(500)
    const started = Date.now()
    const delta = core.emit({ added, changed, removed: removedRows.map((row) => row.id) })
    await waitForSeq(delta.seq)
    console.info(`a 500-row delta on ${ROWS} rows reached the DOM in ${Date.now() - started} ms (informational)`)

    const expected = ['1:removed', '1:new', '2:changed', '3:removed', '4:changed']
    await page.waitForFunction(`${JSON.stringify(expected)}.every((mark) => window.seenMarks.has(mark))`, undefined, { timeout: WAIT_MS })
    const seen = await page.evaluate<string[]>('[...window.seenMarks]')
    // A mark only ever lands on a row of its kind.
    for (const mark of seen) {
      const [port, change] = mark.split(':')
      const odd = Number(port) % 2 === 1
      if (change === 'removed') expect(odd && Number(port) <= 199, mark).toBe(true)
      if (change === 'changed') expect(!odd || Number(port) > 200, mark).toBe(true)
    }

    // Once the removed rows have left: 10,000 + 200 - 100 rows, and port 1 holds only its new row.
    await page.locator(`[role="grid"][aria-rowcount="${ROWS + 100 + 1}"]`).waitFor({ timeout: WAIT_MS })
    await expect(page.locator('.status-count').innerText()).resolves.toContain('10,100 listeners')
    await expect(page.locator('[role="row"][data-change="removed"]').count()).resolves.toBe(0)
    await expect(page.locator('[role="row"][data-port="1"]').count()).resolves.toBe(1)
  })

  it('reaches the last of 10,000 rows with End', async () => {
    await grid().focus()
    await page.keyboard.press('End')
    const count = Number(await grid().getAttribute('aria-rowcount'))
    await page.locator(`[role="row"][aria-rowindex="${count}"][aria-selected="true"]`).waitFor()
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
    await expect(page.locator('.status-hidden').innerText()).resolves.toContain("12 sockets with hidden owner (another user's) Show all owners")
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
