import { fileURLToPath } from 'node:url'
import { _electron as electron, type ElectronApplication } from 'playwright-core'
import { afterAll, describe, expect, it } from 'vitest'
import { openTcpListener } from '../e2e/support/listeners'
import { ensureRendererBuilt } from '../e2e/support/renderer-build'
import { findElectronBinary } from './electron-binary'

// The built app in real Electron: a window opens and shows a listener this test opens.
// Runs wherever the Electron binary exists; skips with the reason elsewhere (e.g. offline CI).

const APP_ROOT = fileURLToPath(new URL('../../', import.meta.url))
const binary = findElectronBinary()
if (binary.missing) console.warn(`skipping the Electron smoke test: ${binary.missing}`)

describe.skipIf(binary.missing !== null)(`Electron app smoke test${binary.missing ? ` [skipped: ${binary.missing}]` : ''}`, () => {
  let app: ElectronApplication | null = null

  afterAll(async () => {
    await app?.close()
  })

  it('opens a window that lists a listener opened by the test', { timeout: 90_000 }, async () => {
    ensureRendererBuilt()
    const listener = await openTcpListener()
    try {
      const args = [APP_ROOT]
      // Chromium's sandbox refuses to run as root (containers, some CI).
      if (process.getuid?.() === 0) args.unshift('--no-sandbox')
      app = await electron.launch({ executablePath: binary.path ?? '', args, timeout: 60_000 })
      const window = await app.firstWindow()
      await window.getByRole('grid', { name: 'Listening sockets' }).waitFor({ timeout: 30_000 })
      await window.getByRole('searchbox', { name: 'Filter rows' }).fill(String(listener.port))
      const row = window.locator(`[role="row"][data-port="${listener.port}"][data-protocol="tcp"]`)
      await row.waitFor({ timeout: 30_000 })
      await expect(row.locator('.col-exposure').innerText()).resolves.toBe('loopback')
    } finally {
      await listener.close()
    }
  })
})
