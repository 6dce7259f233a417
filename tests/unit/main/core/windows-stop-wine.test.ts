// Stopping on Windows for real, under Wine: a Windows node.exe child listed by the IP Helper collector is
// asked to stop (it has no window, so nothing is sent and the user is offered Force), then terminated,
// and the re-scan confirms its port is free.
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { StopOutcome, StopTargetAnswer } from '../../../../src/shared/stop'
import type { Row } from '../../../../src/shared/row'
import { bundleForWindows, describeUnderWine, waitForJson, windowsPath, WineSession } from '../../../helpers/wine'

const SRC = join(__dirname, '../../../../src')
/** Wine's first boot of a prefix is slow on a shared machine: room, not a timing claim. */
const WINE_MS = 240_000

interface StopRun {
  ok: boolean
  error?: string
  pid: number
  port: number
  startTicks: number | null
  row: Row
  target: StopTargetAnswer
  asked: StopOutcome
  aliveAfterAsking: boolean
  forced: StopOutcome
  afterExit: { startTicks: number | null; close: { result: string }; exitCode: number | null | undefined }
}

describeUnderWine('stopping a process on Windows, under Wine', () => {
  let wine: WineSession
  let run: StopRun

  beforeAll(async () => {
    wine = new WineSession()
    const out = join(wine.dir, 'bundle')
    await bundleForWindows(out, {
      'stop-entry.js': join(__dirname, 'fixtures/windows-stop-entry.ts'),
      'ipHelperWorker.js': join(SRC, 'main/monitor/windows/ip-helper-worker.ts'),
    })
    wine.boot()
    const result = join(wine.dir, 'stop.json')
    const exec = await wine.run(join(out, 'stop-entry.js'), [windowsPath(result), windowsPath(wine.dir)])
    run = await waitForJson<StopRun>(result, 1000, () => `exit ${exec.code}; ${exec.stderr.slice(-800)}`)
    if (!run.ok) throw new Error(`the stop run under Wine failed: ${run.error}`)
  }, WINE_MS)

  afterAll(() => wine?.close(), 60_000)

  it('describes the target with what opening the process tells: its path and start time', () => {
    expect(run.row).toMatchObject({ protocol: 'udp', port: run.port, pid: run.pid, process: 'node.exe' })
    expect(run.target.ok).toBe(true)
    if (!run.target.ok) return
    expect(run.target.target).toMatchObject({ pid: run.pid, name: 'node.exe', ports: [{ protocol: 'udp', address: '127.0.0.1', port: run.port }] })
    expect(run.target.target.executable).toMatch(/\\node\.exe$/i)
    expect(run.startTicks).toBeGreaterThan(0)
    // Within a day of now: a FILETIME read from the right place, converted with the right epoch.
    expect(Math.abs((run.target.target.startTime ?? 0) - Date.now())).toBeLessThan(86_400_000)
  })

  it('says plainly that a windowless process cannot be asked, sends nothing, and offers Force', () => {
    expect(run.asked).toMatchObject({ result: 'still-running', signal: null, canForce: true, pid: run.pid })
    expect(run.asked.message).toBe(`node.exe (pid ${run.pid}) has no window to ask to close, and Windows gives other programs no gentler way to stop it; nothing was sent. Force stop terminates it at once, without letting it clean up.`)
    expect(run.aliveAfterAsking).toBe(true)
  })

  it('Force terminates it, and the re-scan finds its port free', () => {
    expect(run.forced).toMatchObject({ result: 'freed', signal: 'SIGKILL', pid: run.pid })
    expect(run.forced.message).toBe(`Stopped node.exe (pid ${run.pid}); port ${run.port}/udp is free.`)
    expect(run.afterExit.exitCode).not.toBeUndefined()
    expect(run.afterExit.startTicks).toBeNull()
    expect(run.afterExit.close).toEqual({ result: 'gone' })
  })
})
