import { describe, expect, it } from 'vitest'
import type { CollectOptions, Collector, SocketRecord } from '../../../../src/main/monitor/collector'
import { Poller } from '../../../../src/main/monitor/poller'
import { FAILURES_BEFORE_FALLBACK, FallbackCollector, selectCollector } from '../../../../src/main/monitor/select-collector'
import { NO_PORT_INFO, type ServiceLookup } from '../../../../src/main/registry/lookup'
import { stringMatching } from '../../../helpers/matchers'

const options = (): CollectOptions & { lastKept?: false } => ({ includeConnections: false, signal: new AbortController().signal })
const record = (port: number): SocketRecord => ({
  protocol: 'tcp', family: 4, address: '127.0.0.1', port, state: 'LISTEN',
  remoteAddress: null, remotePort: null, pid: null, process: null, uid: null,
})

/** A collector that answers from a script: a record list, or an error to throw. */
function scripted(name: string, answers: Array<SocketRecord[] | Error>): Collector & { calls: number; closed: boolean } {
  return {
    name,
    calls: 0,
    closed: false,
    collect(): Promise<SocketRecord[]> {
      const answer = answers[Math.min(this.calls++, answers.length - 1)]
      if (answer === undefined) return Promise.reject(new Error(`collector ${name} was scripted with no answers`))
      if (answer instanceof Error) return Promise.reject(answer)
      return Promise.resolve(answer)
    },
    close() {
      this.closed = true
    },
  }
}

describe('selectCollector', () => {
  it('uses sock_diag on Linux, behind the systeminformation fallback', () => {
    const { collector } = selectCollector('linux')
    expect(collector).toBeInstanceOf(FallbackCollector)
    expect(collector.name).toBe('sock_diag')
    // Nothing to explain until it falls back.
    expect(collector.note ?? null).toBeNull()
  })

  it('uses the IP Helper tables on Windows, behind the systeminformation fallback', () => {
    const { collector } = selectCollector('win32')
    expect(collector).toBeInstanceOf(FallbackCollector)
    expect(collector.name).toBe('IP Helper')
    expect(collector.note ?? null).toBeNull()
  })

  it('falls back to systeminformation with a note when the Windows worker cannot reach the Win32 API (here: not Windows)', async () => {
    const { collector } = selectCollector('win32')
    try {
      const records = await collector.collect(options())
      expect(Array.isArray(records)).toBe(true)
      expect(collector.name).toBe('systeminformation')
      expect(collector.note).toBe('The IP Helper collector could not start (the IP Helper worker failed: the Win32 API exists only on Windows); using systeminformation instead.')
    } finally {
      await collector.close?.()
    }
  })

  it('uses libproc on macOS, then lsof, then systeminformation', () => {
    const { collector } = selectCollector('darwin')
    expect(collector).toBeInstanceOf(FallbackCollector)
    expect(collector.name).toBe('libproc')
  })

  it('falls back from libproc to lsof (real lsof here) with both collectors named in the note', async () => {
    const { collector } = selectCollector('darwin')
    try {
      const records = await collector.collect(options())
      expect(collector.name).toBe('lsof')
      expect(records.every((r) => r.pid !== null)).toBe(true)
      expect(collector.note).toBe('The libproc collector could not start (the libproc worker failed: libproc exists only on macOS); using lsof instead. lsof runs at most every 5 s, and without root it lists only your own processes\' sockets.')
    } finally {
      await collector.close?.()
    }
  })

  it.each(['freebsd', 'openbsd'] as const)('keeps systeminformation on %s', (platform) => {
    expect(selectCollector(platform).collector.name).toBe('systeminformation')
  })
})

describe('FallbackCollector', () => {
  it('falls back at once, in the same collection, when the preferred collector cannot start', async () => {
    const preferred = scripted('sock_diag', [new Error('koffi cannot load')])
    const fallback = scripted('systeminformation', [[record(22)]])
    const collector = new FallbackCollector(preferred, () => fallback)
    await expect(collector.collect(options())).resolves.toEqual([record(22)])
    expect(collector.name).toBe('systeminformation')
    expect(collector.note).toMatch(/sock_diag collector could not start \(koffi cannot load\); using systeminformation/)
    expect(preferred.closed).toBe(true)
  })

  it('tolerates a few failures of a collector that worked, then gives up on it', async () => {
    const preferred = scripted('sock_diag', [[record(80)], new Error('netlink refused')])
    const fallback = scripted('systeminformation', [[record(22)]])
    const collector = new FallbackCollector(preferred, () => fallback)
    await expect(collector.collect(options())).resolves.toEqual([record(80)])
    for (let i = 1; i < FAILURES_BEFORE_FALLBACK; i++) {
      await expect(collector.collect(options())).rejects.toThrow('netlink refused')
      expect(collector.name).toBe('sock_diag')
    }
    await expect(collector.collect(options())).resolves.toEqual([record(22)])
    expect(collector.note).toMatch(/failed 3 times in a row \(last: netlink refused\)/)
    await expect(collector.collect(options())).resolves.toEqual([record(22)])
    expect(preferred.calls).toBe(FAILURES_BEFORE_FALLBACK + 1)
  })

  it('shows the switch in the poller status', async () => {
    const registry: ServiceLookup = { lookup: () => NO_PORT_INFO }
    const collector = new FallbackCollector(scripted('sock_diag', [new Error('no netlink')]), () => scripted('systeminformation', [[record(22)]]))
    const poller = new Poller({ collector, registry })
    expect(poller.status.collector).toBe('sock_diag')
    await poller.pollNow()
    expect(poller.status).toMatchObject({ state: 'ok', collector: 'systeminformation', collectorNote: stringMatching(/no netlink/) })
    await poller.close()
  })
})
