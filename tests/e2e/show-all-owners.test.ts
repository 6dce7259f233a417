import type { Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startPreviewServer, type PreviewServer } from '../../scripts/preview/bridge-server'
import { ScriptedCore, syntheticRows } from '../../scripts/preview/scripted-core'
import type { ShowAllOwnersOutcome } from '../../src/shared/owner'
import { describeInChromium, launchChromium, type ChromiumSession } from './support/chromium'
import { ensureAppBuilt } from '../helpers/app-build'

// The status bar's "Show all owners": what the page shows for each answer the core can give.
// (The core's side, with a real helper as root and the app as nobody: tests/unit/main/core/show-all-owners.test.ts.)

const WAIT_MS = 20_000

describeInChromium('"Show all owners" in the status bar', () => {
  let core: ScriptedCore
  let server: PreviewServer
  let browser: ChromiumSession
  let page: Page
  const manual = { state: 'manual', message: 'No password prompt (pkexec, from polkit) is installed here. To show all owners, run this in a terminal:', command: "sudo /usr/bin/node /opt/portolan/out/cli/index.js helper --connect 127.0.0.1:40111 --token-file '/tmp/portolan-helper-x/token'" } as const
  const answers: ShowAllOwnersOutcome[] = [{ state: 'failed', message: 'The password prompt was dismissed; owners stay hidden.' }, manual]
  let calls = 0

  beforeAll(async () => {
    ensureAppBuilt()
    core = new ScriptedCore({ rows: syntheticRows(20, { firstPort: 1 }), status: { hiddenOwners: 2, privileged: false } })
    server = await startPreviewServer({
      core,
      port: 0,
      log: () => undefined,
      handlers: { snapshot: () => core.snapshot(), showAllOwners: () => {
        const answer = answers[calls++]
        return answer ? Promise.resolve(answer) : Promise.reject(new Error(`the test scripted ${answers.length} answers; call ${calls} has none`))
      } },
    })
    browser = await launchChromium()
    page = await browser.context.newPage()
    await page.goto(server.url)
    await page.locator('.status-hidden').waitFor({ timeout: WAIT_MS })
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  const button = () => page.getByRole('button', { name: 'Show all owners' })

  it('offers the button where owners are hidden, and says why the prompt did not help', async () => {
    await expect(page.locator('.status-hidden').innerText()).resolves.toMatch(/^2 sockets with hidden owner \(another user's\) Show all owners$/)
    await button().click()
    await page.getByRole('status').filter({ hasText: 'dismissed' }).waitFor({ timeout: WAIT_MS })
    await expect(page.locator('.show-all-owners-outcome').innerText()).resolves.toBe('The password prompt was dismissed; owners stay hidden.')
    expect(calls).toBe(1)
  })

  it('shows the exact command to run where there is no prompt', async () => {
    await button().click()
    await page.locator('.show-all-owners-command').waitFor({ timeout: WAIT_MS })
    await expect(page.locator('.show-all-owners-command').innerText()).resolves.toBe(manual.command)
    await expect(page.locator('.show-all-owners-outcome').innerText()).resolves.toMatch(/^No password prompt \(pkexec, from polkit\) is installed here\. To show all owners, run this in a terminal: sudo /)
    expect(calls).toBe(2)
  })

  it('the hidden-owner notice leaves once the monitor sees every owner', async () => {
    core.setStatus({ privileged: true, collector: 'sock_diag via elevated helper' })
    await page.locator('.status-hidden').waitFor({ state: 'detached', timeout: WAIT_MS })
    await expect(page.locator('.status-collector').innerText()).resolves.toContain('via sock_diag via elevated helper')
  })
})
