import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { connect, createServer, type Server, type Socket } from 'node:net'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Locator, Page } from 'playwright-core'
import { afterAll, assert, beforeAll, expect, it, vi } from 'vitest'
import { startPreviewServer, type PreviewServer } from '../../scripts/preview/bridge-server'
import { previewHost, type PreviewHost } from '../../scripts/preview/preview-host'
import { composeApp, type PortolanApp } from '../../src/main/core/compose'
import { trayMenuTemplate, trayMenuText } from '../../src/main/tray-menu'
import { describeInChromium, launchChromium, type ChromiumSession } from './support/chromium'
import { freePort, listenOn } from './support/feature-listeners'
import type { TestListener } from './support/listeners'
import { watchPage } from './support/page-watch'
import { ensureAppBuilt } from '../helpers/app-build'

// Issue 12's table in Debian's Chromium, over the preview bridge and the real monitor, with real sockets:
// who holds a port, selection and fast actions, the Connections view, dual stack, and a layout that persists.

const RESULTS_DIR = fileURLToPath(new URL('../../test-results/', import.meta.url))
const APPEAR_TIMEOUT_MS = 20_000
const TEST_TIMEOUT_MS = 90_000
/** Loopback addresses no other test uses, one per test that lists several rows. */
const SELECT_LOOPBACK = '127.88.12.1'
const COPY_LOOPBACK = '127.88.12.2'

interface Child {
  child: ChildProcess
  pid: number
  port: number
}

const MARKED_LISTENER = "require('net').createServer().listen(0, '127.0.0.1', function () { console.log(this.address().port) })"

/** A node child listening on 127.0.0.1, with a distinctive argument on its command line. */
async function markedChild(marker: string): Promise<Child> {
  // "--" ends node's own options: the marker is the script's argument.
  const child = spawn(process.execPath, ['-e', MARKED_LISTENER, '--', marker], { stdio: ['ignore', 'pipe', 'inherit'] })
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', (code) => reject(new Error(`the marked child exited (${code}) before it listened`)))
    child.stdout?.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())))
  })
  return { child, pid: child.pid!, port }
}

describeInChromium('issue 12: the table a person works in, over the real monitor', () => {
  vi.setConfig({ testTimeout: TEST_TIMEOUT_MS })
  let dataDir: string
  let exportDir: string
  let core: PortolanApp
  let host: PreviewHost
  let server: PreviewServer
  let browser: ChromiumSession
  let page: Page
  let watcher: Awaited<ReturnType<typeof watchPage>>
  const children: ChildProcess[] = []

  const grid = () => page.getByRole('grid', { name: /^(Listening sockets|Connections)$/ })
  const rowOf = (port: number, protocol = 'tcp'): Locator => page.locator(`.grid-body [role="row"][data-port="${port}"][data-protocol="${protocol}"]`)
  const filterBox = () => page.getByRole('searchbox', { name: 'Filter rows' })
  const story = (port: number) => page.getByRole('complementary', { name: `Story of port ${port}` })
  const anyStory = () => page.getByRole('complementary', { name: /^Story of port/ })
  const selected = () => page.locator('.grid-body [role="row"][aria-selected="true"]')
  const closeStory = async () => {
    await page.keyboard.press('Escape')
    await anyStory().waitFor({ state: 'detached' })
  }

  const openPage = async () => {
    await page.goto(server.url)
    await page.getByRole('grid', { name: 'Listening sockets' }).waitFor()
    await page.locator('.status-state[data-state="ok"]').waitFor({ timeout: APPEAR_TIMEOUT_MS })
    await page.getByRole('button', { name: 'Settings…' }).and(page.locator(':enabled')).waitFor()
  }

  beforeAll(async () => {
    ensureAppBuilt()
    mkdirSync(RESULTS_DIR, { recursive: true })
    dataDir = await mkdtemp(join(tmpdir(), 'portolan-table-data-'))
    exportDir = await mkdtemp(join(tmpdir(), 'portolan-table-export-'))
    core = composeApp({ dataDir, intervalMs: 250 })
    core.start()
    host = previewHost(core, exportDir)
    server = await startPreviewServer({ core: host.core, handlers: host.handlers, port: 0, log: () => undefined })
    browser = await launchChromium()
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin })
    page = await browser.context.newPage()
    watcher = await watchPage(page)
    await openPage()
  })

  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL')
    await browser?.close()
    await server?.close()
    await core?.close()
    if (dataDir) await rm(dataDir, { recursive: true, force: true })
    if (exportDir) await rm(exportDir, { recursive: true, force: true })
  })

  it("shows the owner's command line, with the test process's distinctive argument, and fits 1280 px without cutting Exposure, Process or State", async () => {
    const marker = `--portolan-e2e-marker-${process.pid}`
    const target = await markedChild(marker)
    children.push(target.child)
    await filterBox().fill(`:${target.port}`)
    await rowOf(target.port).waitFor({ timeout: APPEAR_TIMEOUT_MS })
    await expect.poll(() => rowOf(target.port).locator('.col-command').innerText(), { timeout: APPEAR_TIMEOUT_MS }).toContain(marker)
    await expect(rowOf(target.port).locator('.col-process').innerText()).resolves.toBe('node')
    // The row's tooltip says who holds it, and both ages by their names.
    await rowOf(target.port).hover()
    const tooltip = (await rowOf(target.port).getAttribute('title')) ?? ''
    expect(tooltip).toContain(`Command line: ${process.execPath} -e`)
    expect(tooltip).toContain(marker)
    expect(tooltip).toContain('Held by this process since:')
    expect(tooltip).toContain('First seen on this machine:')
    // The filter's plain words reach the command line too.
    await filterBox().fill(marker)
    await expect.poll(() => page.locator('.grid-body [role="row"]').count()).toBe(1)

    await filterBox().fill('')
    await page.locator('.grid-body [role="row"]').first().waitFor()
    const cut = await page.evaluate(`[...document.querySelectorAll('.grid-body [role="row"] :is(.col-exposure, .col-process, .col-state)')]
      .filter((cell) => cell.scrollWidth > cell.clientWidth).map((cell) => cell.className + ': ' + cell.textContent)`)
    await page.screenshot({ path: join(RESULTS_DIR, 'table-listeners-1280.png') })
    expect(cut).toEqual([])
    await expect(page.evaluate('document.documentElement.scrollWidth')).resolves.toBeLessThanOrEqual(1280)
  })

  it('a click selects without opening the story; Enter opens it; it then follows the selection; a double-click opens too', async () => {
    const listeners = [await listenOn(SELECT_LOOPBACK), await listenOn(SELECT_LOOPBACK)]
    const [low, high] = listeners.map((l) => l.port).sort((a, b) => a - b)
    assert(low !== undefined && high !== undefined)
    try {
      await filterBox().fill(SELECT_LOOPBACK)
      await rowOf(high).waitFor({ timeout: APPEAR_TIMEOUT_MS })
      await rowOf(low).click()
      await expect.poll(() => rowOf(low).getAttribute('aria-selected')).toBe('true')
      await expect(anyStory().count()).resolves.toBe(0)
      await page.keyboard.press('Enter')
      await story(low).waitFor()
      await rowOf(high).click()
      await story(high).waitFor()
      await page.keyboard.press('ArrowUp')
      await story(low).waitFor()
      await closeStory()
      await rowOf(high).dblclick()
      await story(high).waitFor()
      await closeStory()
    } finally {
      await filterBox().fill('')
      await Promise.all(listeners.map((listener) => listener.close()))
    }
  })

  it('selects several rows with Shift and Ctrl, copies them as tab-separated text with Ctrl+C, and offers the same actions in a context menu', async () => {
    const listeners: TestListener[] = [await listenOn(COPY_LOOPBACK), await listenOn(COPY_LOOPBACK), await listenOn(COPY_LOOPBACK)]
    const ports = listeners.map((l) => l.port).sort((a, b) => a - b)
    const [lowest, middle, highest] = ports
    assert(lowest !== undefined && middle !== undefined && highest !== undefined)
    try {
      await filterBox().fill(COPY_LOOPBACK)
      for (const port of ports) await rowOf(port).waitFor({ timeout: APPEAR_TIMEOUT_MS })
      await rowOf(lowest).click()
      await rowOf(highest).click({ modifiers: ['Shift'] })
      await expect.poll(() => selected().count()).toBe(3)
      await rowOf(middle).click({ modifiers: ['Control'] })
      await expect.poll(() => selected().count()).toBe(2)
      await expect(page.getByRole('toolbar', { name: 'Selected row actions' }).innerText()).resolves.toContain('2 rows selected')

      await page.keyboard.press('Control+c')
      await expect.poll(() => page.locator('.row-actions-feedback').innerText()).toBe('Copied 2 rows')
      const text = await page.evaluate<string>('navigator.clipboard.readText()')
      const lines = text.trimEnd().split('\n')
      expect(lines[0]).toBe('Proto\tAddress\tPort\tRemote\tState\tService\tPID\tProcess\tUser\tExposure\tCommand line')
      expect(lines.slice(1).map((line) => line.split('\t').slice(0, 5))).toEqual([
        ['tcp', COPY_LOOPBACK, String(lowest), '', 'LISTEN'],
        ['tcp', COPY_LOOPBACK, String(highest), '', 'LISTEN'],
      ])
      for (const line of lines.slice(1)) {
        const cells = line.split('\t')
        expect(cells[6]).toBe(String(process.pid))
        expect(cells[8]).toBe(userInfo().username)
        expect(cells[10]).toContain(process.execPath)
      }

      await rowOf(lowest).click({ button: 'right' })
      const menu = page.getByRole('menu', { name: 'Row actions' })
      await menu.waitFor()
      await expect(menu.getByRole('menuitem', { name: /^Copy 2 rows/ }).getAttribute('aria-disabled')).resolves.toBe('false')
      await expect(menu.getByRole('menuitem', { name: 'Copy address' }).getAttribute('title')).resolves.toBe('Select a single row for this.')
      await page.screenshot({ path: join(RESULTS_DIR, 'table-context-menu.png') })
      await page.keyboard.press('Escape')
      await menu.waitFor({ state: 'detached' })

      // Delete opens the stop dialog for the selection: this test process holds them, so main refuses, saying why.
      await grid().focus()
      await page.keyboard.press('Delete')
      const dialog = page.getByRole('dialog', { name: /^Stop/ })
      await dialog.waitFor()
      await expect.poll(() => dialog.innerText()).toContain('that is Portolan itself')
      await dialog.getByRole('button', { name: 'Close', exact: true }).click()
      await dialog.waitFor({ state: 'detached' })
    } finally {
      await filterBox().fill('')
      await Promise.all(listeners.map((listener) => listener.close()))
    }
  })

  it('lists a connection the test made in the Connections view, with its remote port', async () => {
    const listener: Server = createServer()
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve))
    const port = (listener.address() as { port: number }).port
    const client: Socket = connect(port, '127.0.0.1')
    await new Promise((resolve) => client.once('connect', resolve))
    try {
      await page.getByRole('tab', { name: 'Connections' }).click()
      await page.getByRole('grid', { name: 'Connections' }).waitFor()
      await filterBox().fill(`remote:${port}`)
      const outgoing = rowOf(client.localPort!)
      await outgoing.waitFor({ timeout: APPEAR_TIMEOUT_MS })
      await expect(outgoing.locator('.col-remote').innerText()).resolves.toContain(`127.0.0.1:${port}`)
      await expect(outgoing.locator('.col-state').innerText()).resolves.toBe('established')
      await filterBox().fill('')
      await page.screenshot({ path: join(RESULTS_DIR, 'table-connections-1280.png') })
    } finally {
      await page.getByRole('tab', { name: 'Listeners' }).click()
      await page.getByRole('grid', { name: 'Listening sockets' }).waitFor()
      client.destroy()
      await new Promise((resolve) => listener.close(resolve))
    }
  })

  it('shows a dual-stack :: listener ("IPv4 too") with IPv6 unticked', async () => {
    const dual = createServer()
    await new Promise<void>((resolve) => dual.listen({ host: '::', port: 0, ipv6Only: false }, resolve))
    const port = (dual.address() as { port: number }).port
    const ipv6 = page.getByRole('checkbox', { name: 'IPv6' })
    try {
      await filterBox().fill(`:${port}`)
      await rowOf(port).waitFor({ timeout: APPEAR_TIMEOUT_MS })
      await ipv6.uncheck()
      await expect(rowOf(port).locator('.col-address').innerText()).resolves.toBe(':: IPv4 too')
      await expect(page.getByRole('checkbox', { name: 'IPv4' }).isChecked()).resolves.toBe(true)
      await page.getByRole('checkbox', { name: 'IPv4' }).uncheck()
      await rowOf(port).waitFor({ state: 'detached' })
    } finally {
      await page.getByRole('checkbox', { name: 'IPv4' }).check()
      await ipv6.check()
      await filterBox().fill('')
      await new Promise((resolve) => dual.close(resolve))
    }
  })

  it('offers "Clear filters" and the story of the port when nothing matches a port filter', async () => {
    const port = await freePort()
    await filterBox().fill(`:${port}`)
    const empty = page.locator('.grid-empty')
    await empty.getByRole('button', { name: `Open the story of port ${port}` }).click()
    await story(port).waitFor()
    await closeStory()
    await empty.getByRole('button', { name: 'Clear filters' }).click()
    await expect.poll(() => filterBox().inputValue()).toBe('')
    await page.locator('.grid-body [role="row"]').first().waitFor()
  })

  it('keeps a column dragged wider, and a cleared filter, across a reload', async () => {
    const header = page.getByRole('columnheader', { name: /^Process/ })
    const before = (await header.boundingBox())!
    const handle = header.getByRole('separator', { name: 'Resize Process' })
    const grip = (await handle.boundingBox())!
    await page.mouse.move(grip.x + grip.width / 2, grip.y + grip.height / 2)
    await page.mouse.down()
    await page.mouse.move(grip.x + 40, grip.y + grip.height / 2, { steps: 4 })
    await page.mouse.move(grip.x + 80, grip.y + grip.height / 2, { steps: 4 })
    await page.mouse.up()
    await expect.poll(() => core.settings.get().columnWidths.process, { timeout: 5000 }).toBeGreaterThan(before.width + 60)
    const saved = core.settings.get().columnWidths.process!

    await filterBox().fill('udp')
    await expect.poll(() => core.settings.get().filters.text, { timeout: 5000 }).toBe('udp')
    await filterBox().fill('')
    await expect.poll(() => core.settings.get().filters.text, { timeout: 5000 }).toBe('')
    await page.reload()
    await page.getByRole('grid', { name: 'Listening sockets' }).waitFor()
    await page.getByRole('button', { name: 'Settings…' }).and(page.locator(':enabled')).waitFor()
    await expect.poll(async () => Math.round((await page.getByRole('columnheader', { name: /^Process/ }).boundingBox())!.width)).toBe(saved)
    await expect(filterBox().inputValue()).resolves.toBe('')
    expect(core.settings.get().filters.text).toBe('')
  })

  it('records the tray menu built from the rows now', async () => {
    const noop = () => undefined
    const menu = trayMenuTemplate(core.monitor.rows(), core.monitor.status, { show: noop, togglePause: noop, quit: noop, openInBrowser: noop, stop: noop })
    const text = trayMenuText(menu)
    expect(text).toContain(`(pid ${process.pid})`)
    const tray = await browser.context.newPage()
    const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;')
    await tray.setContent(`<pre style="font: 13px system-ui; padding: 12px; width: max-content; border: 1px solid #ccc">${escaped}</pre>`)
    await tray.locator('pre').screenshot({ path: join(RESULTS_DIR, 'tray-menu-template.png') })
    await tray.close()
  })

  it('logs no Content Security Policy violation and no error', async () => {
    const problems = await watcher.collect()
    expect(problems.cspViolations).toEqual([])
    expect(problems.errors).toEqual([])
  })
})
