import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext } from 'playwright-core'
import { describeWhenAvailable } from '../../helpers/availability'

/** Debian's Chromium here; PORTOLAN_CHROMIUM names another Chromium-based browser (the CI runners' Chrome). */
export const CHROMIUM_PATH = process.env.PORTOLAN_CHROMIUM || '/usr/bin/chromium'

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

/** Why browser tests cannot run here, or null when they can. */
export function chromiumMissingReason(): string | null {
  return existsSync(CHROMIUM_PATH) ? null : `${CHROMIUM_PATH} not found (install Debian's chromium: apt-get install -y chromium)`
}

/**
 * describe() for browser tests: skipped with the reason where Chromium is missing, unless
 * PORTOLAN_REQUIRE_E2E=1 (CI), where a missing browser is a failure.
 */
export function describeInChromium(name: string, body: () => void): void {
  describeWhenAvailable(name, chromiumMissingReason(), process.env.PORTOLAN_REQUIRE_E2E === '1', body)
}

export interface ChromiumSession {
  context: BrowserContext
  close(): Promise<void>
}

/** Debian's Chromium, headless, with a fresh profile that is deleted on close. */
export async function launchChromium(): Promise<ChromiumSession> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'portolan-chromium-'))
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
    colorScheme: 'light',
  })
  return {
    context,
    close: async () => {
      await context.close()
      await rm(userDataDir, { recursive: true, force: true })
    },
  }
}
