import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, extname, join, normalize, sep } from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { fakeApiScript, ROWS } from './renderer-page'
import type { Measurement } from './report'
import { summarize } from './stats'

const CHROMIUM_PATH = '/usr/bin/chromium'
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
]
const RENDERER_DIR = join(dirname(__filename), '..', 'out', 'renderer')
const ORIGIN = 'http://portolan.bench'
const PAGE_LOADS = 5
const UPDATES = 40
const UPDATE_PERIOD_MS = 250
const CONTENT_TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2' }

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** Serves out/renderer from a made-up origin (Chromium won't run module scripts from file://). */
async function serveRenderer(context: BrowserContext): Promise<void> {
  await context.route(`${ORIGIN}/**`, async (route) => {
    const path = new URL(route.request().url()).pathname
    const file = normalize(join(RENDERER_DIR, path === '/' ? 'index.html' : path))
    if (!file.startsWith(RENDERER_DIR + sep) || !existsSync(file)) return route.fulfill({ status: 404 })
    await route.fulfill({ body: await readFile(file), contentType: CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' })
  })
}

async function firstRenderMs(page: Page): Promise<number> {
  await page.goto(`${ORIGIN}/`)
  await page.waitForFunction('window.__portolanBench && window.__portolanBench.firstRender !== null', undefined, { timeout: 30_000 })
  return page.evaluate('window.__portolanBench.firstRender') as Promise<number>
}

/** Main-thread script time (CDP ScriptDuration) spent on each delta, dispatched four times a second. */
async function updateScriptMs(page: Page): Promise<number[]> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Performance.enable')
  const scriptSeconds = async (): Promise<number> =>
    (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ScriptDuration')?.value ?? Number.NaN
  const settle = 'new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 0))))'
  const samples: number[] = []
  const started = Date.now()
  for (let d = 0; d < UPDATES; d++) {
    await sleep(Math.max(0, started + d * UPDATE_PERIOD_MS - Date.now()))
    const before = await scriptSeconds()
    await page.evaluate(`window.__portolanBench.dispatch(${d}); ${settle}`)
    samples.push((await scriptSeconds() - before) * 1000)
  }
  await cdp.detach()
  return samples
}

/** The renderer table at ROWS rows in Debian's Chromium, or why it could not be measured. */
export async function measureRenderer(): Promise<{ measurements: Measurement[] } | { skipped: string }> {
  if (!existsSync(CHROMIUM_PATH)) return { skipped: `${CHROMIUM_PATH} not found (apt-get install -y chromium)` }
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) return { skipped: 'out/renderer is not built (run `npm run build` first)' }
  const userDataDir = await mkdtemp(join(tmpdir(), 'portolan-bench-chromium-'))
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 800 },
  })
  try {
    await serveRenderer(context)
    await context.addInitScript({ content: fakeApiScript(UPDATES) })
    const page = context.pages()[0] ?? (await context.newPage())
    const firstRenders: number[] = []
    for (let i = 0; i < PAGE_LOADS; i++) firstRenders.push(await firstRenderMs(page))
    await sleep(1000)
    const updates = await updateScriptMs(page)
    const rows = await page.evaluate('document.querySelector(\'[role="grid"], [aria-rowcount]\')?.getAttribute("aria-rowcount")')
    // Removed rows stay a few seconds (marked red) before they leave, so the table holds at least ROWS.
    if (!(Number(rows) > ROWS)) throw new Error(`the table shows ${String(rows)} rows (aria-rowcount), expected ${ROWS} + header or more`)
    return {
      measurements: [
        { name: 'renderer.update', n: ROWS, unit: 'ms', ...summarize(updates) },
        { name: 'renderer.firstRender', n: ROWS, unit: 'ms', ...summarize(firstRenders) },
      ],
    }
  } finally {
    await context.close()
    await rm(userDataDir, { recursive: true, force: true })
  }
}
