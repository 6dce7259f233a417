import { spawn, type ChildProcess } from 'node:child_process'
import { afterEach, describe, expect, it } from 'vitest'
import { UNCHANGED, type Collection, type Collector, type CollectOptions, type SocketRecord } from '../../../../src/main/monitor/collector'
import { backoffDelay, clampInterval, Poller } from '../../../../src/main/monitor/poller'
import type { Delta, MonitorStatus } from '../../../../src/shared/row'
import { NO_PORT_INFO } from '../../../../src/main/registry/lookup'
import { killChildrenOnAbort } from '../../../../src/main/monitor/child-reaper'
import { childPids } from '../../../helpers/sockets'

const registry = { lookup: () => NO_PORT_INFO }

function record(port: number, pid: number | null = 100): SocketRecord {
  return { protocol: 'tcp', family: 4, address: '127.0.0.1', port, state: 'LISTEN', remoteAddress: null, remotePort: null, pid, process: pid ? 'server' : null, uid: 0 }
}

type Behaviour = 'ok' | 'throw' | 'hang' | 'hang-deaf' | 'hang-with-child' | 'garbage' | 'not-a-list'

/**
 * A collector whose next answers the test scripts. `hang` never answers, and gives up when its signal
 * aborts; `hang-deaf` ignores its signal too; `hang-with-child` starts a child process and never stops
 * it itself, only runs inside the child reaper as the collector that shells out (si-collector.ts) does.
 */
class ScriptedCollector implements Collector {
  readonly name = 'scripted'
  behaviour: Behaviour = 'ok'
  records: SocketRecord[] = [record(8080)]
  calls = 0
  inFlight = 0
  maxInFlight = 0
  children: ChildProcess[] = []
  signals: AbortSignal[] = []

  async collect({ signal }: CollectOptions): Promise<SocketRecord[]> {
    this.calls++
    this.signals.push(signal)
    this.inFlight++
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight)
    try {
      switch (this.behaviour) {
        case 'throw':
          throw new Error('netlink refused')
        case 'garbage':
          return [{ ...record(1), port: 'eighty' } as unknown as SocketRecord]
        case 'not-a-list':
          return { rows: [] } as unknown as SocketRecord[]
        case 'hang':
          return await new Promise<SocketRecord[]>((_resolve, reject) => {
            signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true })
          })
        case 'hang-deaf':
          return await new Promise<SocketRecord[]>(() => undefined)
        case 'hang-with-child':
          return await killChildrenOnAbort(signal, () => {
            this.children.push(spawn('sleep', ['60'], { stdio: 'ignore' }))
            return new Promise<SocketRecord[]>(() => undefined)
          })
        default:
          await new Promise((resolve) => setTimeout(resolve, 5))
          return this.records
      }
    } finally {
      this.inFlight--
    }
  }
}

function waitFor<T>(poller: Poller, test: (status: MonitorStatus) => T | undefined, timeoutMs = 10_000): Promise<MonitorStatus> {
  return new Promise((resolve, reject) => {
    if (test(poller.status)) return resolve(poller.status)
    const timer = setTimeout(() => { off(); reject(new Error(`timed out; status ${JSON.stringify(poller.status)}`)) }, timeoutMs)
    const off = poller.onStatus((status) => {
      if (test(status)) { clearTimeout(timer); off(); resolve(status) }
    })
  })
}

let poller: Poller | null = null
afterEach(async () => {
  await poller?.close()
  poller = null
})

function makePoller(collector: Collector, extra: Partial<ConstructorParameters<typeof Poller>[0]> = {}): Poller {
  poller = new Poller({ collector, registry, intervalMs: 250, timeoutMs: 300, maxBackoffMs: 600, ...extra })
  return poller
}

describe('Poller', () => {
  it('clamps the interval to 250 ms – 60 s', () => {
    expect(clampInterval(10)).toBe(250)
    expect(clampInterval(1000)).toBe(1000)
    expect(clampInterval(10 * 60_000)).toBe(60_000)
    expect(clampInterval(Number.NaN)).toBe(1000)
  })

  it('emits the first rows as one delta, then nothing while nothing changes', async () => {
    const collector = new ScriptedCollector()
    const p = makePoller(collector)
    const deltas: Delta[] = []
    p.onDelta((d) => deltas.push(d))
    await p.pollNow()
    await p.pollNow()
    await p.pollNow()
    expect(deltas).toHaveLength(1)
    expect(deltas[0]?.seq).toBe(1)
    expect(deltas[0]?.added.map((r) => r.port)).toEqual([8080])
    expect(p.status).toMatchObject({ state: 'ok', rowCount: 1, error: null })
  })

  it('never runs two collections at once', async () => {
    const collector = new ScriptedCollector()
    const p = makePoller(collector)
    await Promise.all([p.pollNow(), p.pollNow(), p.pollNow()])
    expect(collector.calls).toBe(1)
    expect(collector.maxInFlight).toBe(1)
  })

  it.each<[Behaviour, RegExp]>([
    ['throw', /scripted failed: netlink refused/],
    ['garbage', /malformed socket \(#1\): port "eighty"/],
    ['not-a-list', /not a list of sockets/],
    ['hang', /did not answer within 300 ms/],
  ])('a collector that %s keeps the last rows, goes stale, and recovers by itself', async (behaviour, message) => {
    const collector = new ScriptedCollector()
    const p = makePoller(collector)
    await p.pollNow()
    const good = p.rows()
    collector.behaviour = behaviour
    p.start()
    const stale = await waitFor(p, (s) => s.state === 'stale')
    expect(stale.error).toMatch(message)
    expect(stale.consecutiveFailures).toBeGreaterThanOrEqual(1)
    expect(stale.nextPollAt).not.toBeNull()
    expect(p.rows()).toEqual(good)

    collector.behaviour = 'ok'
    collector.records = [record(8080), record(9090)]
    const healed = await waitFor(p, (s) => s.state === 'ok' && s.rowCount === 2)
    expect(healed.error).toBeNull()
    expect(healed.consecutiveFailures).toBe(0)
    expect(collector.maxInFlight).toBe(1)
  })

  it('backs off exponentially while failures continue, up to a cap', () => {
    expect([1, 2, 3, 4, 5, 6, 40].map((n) => backoffDelay(n, 1000, 30_000))).toEqual([2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000])
    expect(backoffDelay(3, 60_000, 30_000)).toBe(60_000)
  })

  it('keeps retrying while failures continue', async () => {
    const collector = new ScriptedCollector()
    collector.behaviour = 'throw'
    const p = makePoller(collector)
    p.start()
    const third = await waitFor(p, (s) => s.consecutiveFailures >= 3)
    expect(third.state).toBe('stale')
  })

  it('gives up on a collection that never answers at the timeout: aborts its signal and fails the poll as stale', async () => {
    const collector = new ScriptedCollector()
    collector.behaviour = 'hang-deaf'
    const p = makePoller(collector)
    // The collection ignores its signal and never settles: the poll must end without it.
    const result = await p.pollNow()
    expect(result).toMatchObject({ ok: false, error: 'scripted did not answer within 300 ms' })
    expect(p.status).toMatchObject({ state: 'stale', error: 'scripted did not answer within 300 ms', consecutiveFailures: 1 })
    expect(collector.signals).toHaveLength(1)
    expect(collector.signals[0]?.aborted).toBe(true)
    expect(collector.inFlight).toBe(1)
    // The next poll is a new collection with a signal of its own.
    collector.behaviour = 'ok'
    await expect(p.pollNow()).resolves.toMatchObject({ ok: true })
    expect(collector.signals[1]?.aborted).toBe(false)
  })

  it.skipIf(process.platform !== 'linux')('kills the child of a hung collection when it gives up (through the child reaper): no process is left behind', async () => {
    const collector = new ScriptedCollector()
    collector.behaviour = 'hang-with-child'
    const p = makePoller(collector)
    const [child] = await Promise.all([
      new Promise<ChildProcess>((resolve) => {
        const check = () => (collector.children[0] ? resolve(collector.children[0]) : setTimeout(check, 5))
        check()
      }),
      p.pollNow(),
    ])
    expect(p.status.state).toBe('stale')
    // Nothing in the collector stops the child: it ends, killed, only because the poller gave up.
    const ended = child.exitCode !== null || child.signalCode !== null ? child.signalCode : await new Promise((resolve) => child.once('exit', (_code, signal) => resolve(signal)))
    expect(ended).toBe('SIGKILL')
    expect(childPids(process.pid)).not.toContain(child.pid)
  })

  it('pauses and resumes', async () => {
    const collector = new ScriptedCollector()
    const p = makePoller(collector)
    p.start()
    await waitFor(p, (s) => s.state === 'ok')
    p.pause()
    expect(p.status.state).toBe('paused')
    const calls = collector.calls
    await new Promise((resolve) => setTimeout(resolve, 600))
    expect(collector.calls).toBe(calls)
    p.resume()
    await waitFor(p, () => collector.calls > calls)
  })

  it('marks rows whose owner is hidden when not privileged', async () => {
    const collector = new ScriptedCollector()
    collector.records = [record(22, null), record(8080)]
    const p = makePoller(collector, { privileged: false })
    await p.pollNow()
    expect(p.rows().find((r) => r.port === 22)?.ownerHidden).toBe(true)
    expect(p.rows().find((r) => r.port === 8080)?.ownerHidden).toBe(false)
    expect(p.status.hiddenOwners).toBe(1)
  })

  it('keeps a row’s first-seen time across polls', async () => {
    let now = 1_000
    const collector = new ScriptedCollector()
    const p = makePoller(collector, { now: () => now })
    await p.pollNow()
    now = 5_000
    collector.records = [record(8080), record(9090)]
    await p.pollNow()
    const since = Object.fromEntries(p.rows().map((r) => [r.port, r.since]))
    expect(since).toEqual({ 8080: 1_000, 9090: 5_000 })
  })
})

describe('Poller with a collector that reports "unchanged"', () => {
  /** Answers UNCHANGED whenever the poller says it kept the last records, and records when it did not. */
  class UnchangingCollector implements Collector {
    readonly name = 'unchanging'
    readonly asked: boolean[] = []
    failNext = false
    collect(options: CollectOptions & { lastKept?: false }): Promise<SocketRecord[]>
    collect(options: CollectOptions): Promise<Collection>
    collect({ lastKept = false }: CollectOptions): Promise<Collection> {
      this.asked.push(lastKept)
      if (this.failNext) {
        this.failNext = false
        return Promise.reject(new Error('netlink refused'))
      }
      return Promise.resolve(lastKept ? UNCHANGED : [record(8080)])
    }
  }

  it('skips the join when the collector answers UNCHANGED, and rebuilds after invalidate()', async () => {
    let lookups = 0
    const counting = { lookup: () => (lookups++, NO_PORT_INFO) }
    const collector = new UnchangingCollector()
    const p = new Poller({ collector, registry: counting })
    poller = p
    expect(await p.pollNow()).toMatchObject({ ok: true, delta: { seq: 1 } })
    await expect(p.pollNow()).resolves.toMatchObject({ ok: true, delta: null })
    await p.pollNow()
    expect(lookups).toBe(1)
    expect(collector.asked).toEqual([false, true, true])
    expect(p.status).toMatchObject({ state: 'ok', rowCount: 1 })
    p.invalidate()
    await p.pollNow()
    expect(lookups).toBe(2)
    expect(p.rows().map((r) => r.port)).toEqual([8080])
  })

  it('asks for the records again after a failed poll, and says why that poll failed', async () => {
    const collector = new UnchangingCollector()
    const p = new Poller({ collector, registry })
    poller = p
    await p.pollNow()
    collector.failNext = true
    await expect(p.pollNow()).resolves.toMatchObject({ ok: false, error: 'unchanging failed: netlink refused' })
    await expect(p.pollNow()).resolves.toMatchObject({ ok: true, delta: null })
    expect(collector.asked).toEqual([false, true, false])
    expect(p.rows().map((r) => r.port)).toEqual([8080])
  })
})
