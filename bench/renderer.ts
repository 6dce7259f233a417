import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, extname, join, normalize, sep } from 'node:path'
import { build } from 'esbuild'
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
  return page.evaluate<number>('window.__portolanBench.firstRender')
}

/** Main-thread script time (CDP ScriptDuration) of each call of `call(d)`, made four times a second. */
async function scriptMsPer(page: Page, call: (d: number) => string): Promise<number[]> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Performance.enable')
  const scriptSeconds = async (): Promise<number> =>
    (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ScriptDuration')?.value ?? Number.NaN
  const samples: number[] = []
  const started = Date.now()
  for (let d = 0; d < UPDATES; d++) {
    await sleep(Math.max(0, started + d * UPDATE_PERIOD_MS - Date.now()))
    const before = await scriptSeconds()
    await page.evaluate(call(d))
    samples.push((await scriptSeconds() - before) * 1000)
  }
  await cdp.detach()
  return samples
}

const SETTLE = 'new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 0))))'

/** The page applying each delta: the store, the filter-and-sort pipeline, React drawing the visible rows. */
const updateScriptMs = (page: Page) => scriptMsPer(page, (d) => `window.__portolanBench.dispatch(${d}); ${SETTLE}`)

/** TanStack Table's row model (core, filtered, sorted) over the same rows and deltas, bundled for the page. */
async function tanstackScriptMs(page: Page): Promise<number[]> {
  const bundle = await build({ entryPoints: [join(dirname(__filename), 'tanstack-model.ts')], bundle: true, format: 'iife', write: false, platform: 'browser', target: 'es2022', minify: true })
  // Through DevTools, so the page's Content-Security-Policy (script-src 'self') does not apply.
  const [script] = bundle.outputFiles
  if (!script) throw new Error('esbuild wrote no bundle for tanstack-model.ts')
  await page.evaluate(script.text)
  // Timed in the page (performance.now around the synchronous update): CDP's ScriptDuration misses a lone evaluate.
  const samples: number[] = []
  const started = Date.now()
  for (let d = 0; d < UPDATES; d++) {
    await sleep(Math.max(0, started + d * UPDATE_PERIOD_MS - Date.now()))
    samples.push(Number(await page.evaluate(`window.__portolanBench.tanstack(${d})`)))
  }
  return samples
}

/** A text filter that keeps about one row in eight (one of the eight process names), as typed in the page. */
export const BENCH_FILTER = 'redis'

interface RendererCase {
  rows: number
  filter: string
  firstRender: boolean
  tanstack: boolean
}

const CASES: readonly RendererCase[] = [
  { rows: ROWS, filter: '', firstRender: true, tanstack: true },
  { rows: 1000, filter: '', firstRender: false, tanstack: false },
  { rows: ROWS, filter: BENCH_FILTER, firstRender: false, tanstack: true },
  { rows: 1000, filter: BENCH_FILTER, firstRender: false, tanstack: false },
]

/** Measurement names for a case: `renderer.update`, or `renderer.update.filtered` with the text filter on. */
const suffix = (c: RendererCase): string => (c.filter ? '.filtered' : '')

async function measureCase(context: BrowserContext, c: RendererCase): Promise<Measurement[]> {
  const page = await context.newPage()
  try {
    await page.addInitScript({ content: fakeApiScript(UPDATES, c.rows, c.filter) })
    const firstRenders: number[] = []
    for (let i = 0; i < (c.firstRender ? PAGE_LOADS : 1); i++) firstRenders.push(await firstRenderMs(page))
    await sleep(1000)
    const updates = await updateScriptMs(page)
    const shown = Number(await page.evaluate('document.querySelector(\'[role="grid"]\')?.getAttribute("aria-rowcount")'))
    // Removed rows stay a few seconds (marked red) before they leave, so the table holds at least the rows; a filter shows fewer.
    if (!c.filter && !(shown > c.rows)) throw new Error(`the table shows ${shown} rows (aria-rowcount), expected ${c.rows} + header or more`)
    if (c.filter && !(shown > 1 && shown < c.rows)) throw new Error(`with the filter "${c.filter}" the table shows ${shown} rows, expected some of ${c.rows}`)
    const out: Measurement[] = [{ name: `renderer.update${suffix(c)}`, n: c.rows, unit: 'ms', ...summarize(updates) }]
    if (c.firstRender) out.push({ name: 'renderer.firstRender', n: c.rows, unit: 'ms', ...summarize(firstRenders) })
    if (c.tanstack) out.push({ name: `renderer.tanstack.update${suffix(c)}`, n: c.rows, unit: 'ms', ...summarize(await tanstackScriptMs(page)) })
    return out
  } finally {
    await page.close()
  }
}

/** The renderer table in Debian's Chromium (1,000 and 10,000 rows, with and without a text filter), or why it could not be measured. */
export async function measureRenderer(): Promise<{ measurements: Measurement[]; notes: string[] } | { skipped: string }> {
  if (!existsSync(CHROMIUM_PATH)) return { skipped: `${CHROMIUM_PATH} not found (apt-get install -y chromium)` }
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) return { skipped: 'out/renderer is not built (run `npm run build` first)' }
  const userDataDir = await mkdtemp(join(tmpdir(), 'portolan-bench-chromium-'))
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 800 },
  })
  try {
    await serveRenderer(context)
    const measurements: Measurement[] = []
    for (const c of CASES) measurements.push(...(await measureCase(context, c)))
    return { measurements, notes: rendererRatios(measurements) }
  } finally {
    await context.close()
    await rm(userDataDir, { recursive: true, force: true })
  }
}

/** The targets as ratios of medians from this one run: cost follows the delta, and beats TanStack's row model. */
export function rendererRatios(ms: readonly Measurement[]): string[] {
  const median = (name: string, n: number) => ms.find((m) => m.name === name && m.n === n)?.median
  const lines: string[] = []
  for (const s of ['', '.filtered']) {
    const large = median(`renderer.update${s}`, ROWS)
    const small = median(`renderer.update${s}`, 1000)
    const tanstack = median(`renderer.tanstack.update${s}`, ROWS)
    const label = s ? ` with the text filter "${BENCH_FILTER}"` : ''
    if (large !== undefined && small !== undefined) lines.push(ratioLine(`renderer.update n=${ROWS} / n=1000${label}`, large / small, 1.5))
    if (large !== undefined && tanstack !== undefined) lines.push(ratioLine(`renderer.update / renderer.tanstack.update at n=${ROWS}${label}`, large / tanstack, 0.5))
  }
  return lines
}

function ratioLine(label: string, ratio: number, limit: number): string {
  return `  ${ratio <= limit ? 'met ' : 'MISS'} ${label}: ${ratio.toFixed(2)}x <= ${limit}x`
}
