import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it, vi } from 'vitest'
import { startPreviewServer, type PreviewServer } from '../../scripts/preview/bridge-server'
import { previewHost } from '../../scripts/preview/preview-host'
import { composeApp, type PortolanApp } from '../../src/main/core/compose'
import { describeInChromium, launchChromium, type ChromiumSession } from './support/chromium'
import { listenOn } from './support/feature-listeners'
import { ensureAppBuilt } from '../helpers/app-build'

// Issue 11: the story panel follows the live monitor while it is open. A listener opened and closed by the
// test must change "On this machine now" within a poll or two, without reopening the panel.

const APPEAR_TIMEOUT_MS = 20_000
/** A loopback address no other test uses, so the filter shows this file's listener only. */
const STORY_LOOPBACK = '127.88.77.71'

describeInChromium('the story panel follows the live monitor', () => {
  vi.setConfig({ testTimeout: 90_000 })
  let dataDir: string
  let core: PortolanApp
  let server: PreviewServer
  let browser: ChromiumSession
  let page: Page

  beforeAll(async () => {
    ensureAppBuilt()
    dataDir = await mkdtemp(join(tmpdir(), 'portolan-story-live-'))
    core = composeApp({ dataDir, intervalMs: 250, containers: null })
    core.start()
    const host = previewHost(core, dataDir)
    server = await startPreviewServer({ core: host.core, handlers: host.handlers, port: 0, log: () => undefined })
    browser = await launchChromium()
    page = await browser.context.newPage()
    await page.goto(server.url)
    await page.getByRole('grid', { name: 'Listening sockets' }).waitFor()
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
    await core?.close()
    if (dataDir) await rm(dataDir, { recursive: true, force: true })
  })

  it('puts "On this machine now" first while the port is held, and says nothing holds it once the holder leaves', async () => {
    const listener = await listenOn(STORY_LOOPBACK)
    const port = listener.port
    let closed = false
    try {
      await page.getByRole('searchbox', { name: 'Filter rows' }).fill(STORY_LOOPBACK)
      const row = page.locator(`.grid-body [role="row"][data-port="${port}"][data-protocol="tcp"]`)
      await row.waitFor({ timeout: APPEAR_TIMEOUT_MS })
      await row.dblclick()
      const panel = page.getByRole('complementary', { name: `Story of port ${port}` })
      await panel.waitFor()
      const headings = () => panel.locator('.story-section h3').allTextContents()
      await expect.poll(async () => (await headings())[0], { timeout: APPEAR_TIMEOUT_MS }).toBe('On this machine now')
      const live = panel.locator('.story-live')
      await expect.poll(() => live.textContent(), { timeout: APPEAR_TIMEOUT_MS }).toContain(`${STORY_LOOPBACK}:${port}`)
      expect(await live.textContent()).toContain(`pid ${process.pid}`)

      await listener.close()
      closed = true
      await expect.poll(() => live.textContent(), { timeout: APPEAR_TIMEOUT_MS }).toContain(`Nothing on this machine is listening on ${port}`)
      expect((await headings())[0]).toBe(`What port ${port} is`)
    } finally {
      if (!closed) await listener.close()
    }
  })
})
