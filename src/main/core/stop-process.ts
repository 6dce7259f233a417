import type { MonitorStatus, Row } from '../../shared/row'
import type { HeldPort, PortHolder, StopOptions, StopOutcome, StopTargetAnswer } from '../../shared/stop'
import { ProcessDetailsCache } from '../monitor/linux/process-details'
import { ProcessProbe, sendSignal, type ProcessIdentity, type StopSignal } from './process-control'
import { findStopTarget, PORTOLAN_PIDS, type ProtectedPids } from './stop-target'
import { portsLabel, portsVerb, processLabel } from './stop-wording'

/** What the stopper needs from the monitor (the Poller): its current rows and a fresh collection. */
export interface StopMonitor {
  rows(): Row[]
  pollNow(): Promise<void>
  readonly status: MonitorStatus
}

export interface ProcessStopperOptions {
  /** How long to wait for the process to exit after the signal. */
  exitWaitMs?: number
  probe?: ProcessProbe
  protect?: ProtectedPids
  platform?: NodeJS.Platform
}

export const EXIT_WAIT_MS = 3000
/** Confirmations kept; one per dialog the user opened recently is plenty. */
const MAX_CONFIRMATIONS = 32

/** A described target, as the user confirmed it. */
interface Confirmation {
  identity: ProcessIdentity
  name: string | null
  ports: HeldPort[]
}

/**
 * Stops the process holding a listed socket, and then tells the truth about it: a re-scan decides
 * whether the port is free, taken again by someone else, or unknown. A stop must follow a
 * describe() of the same row, which pins the process (pid and start time) the user confirmed.
 */
export class ProcessStopper {
  private readonly confirmed = new Map<string, Confirmation>()
  private readonly exitWaitMs: number
  private readonly probe: ProcessProbe
  private readonly protect: ProtectedPids
  private readonly platform: NodeJS.Platform

  constructor(private readonly monitor: StopMonitor, options: ProcessStopperOptions = {}) {
    this.exitWaitMs = options.exitWaitMs ?? EXIT_WAIT_MS
    this.probe = options.probe ?? new ProcessProbe()
    this.protect = options.protect ?? PORTOLAN_PIDS
    this.platform = options.platform ?? process.platform
  }

  /** What the confirmation shows, or why this row's process cannot be stopped. */
  describe(rowId: string): StopTargetAnswer {
    const found = findStopTarget(this.monitor.rows(), rowId, this.protect)
    if (!found.ok) return found
    const identity = this.probe.identify(found.pid)
    if (!identity) return { ok: false, message: `${processLabel(found.name, found.pid)} has already exited.` }
    const details = this.probe.hasProcfs && identity.startTicks !== null ? new ProcessDetailsCache().get(found.pid, identity.startTicks) : null
    const name = details?.name ?? found.name
    this.remember(rowId, { identity, name, ports: found.ports })
    return {
      ok: true,
      target: {
        rowId,
        pid: found.pid,
        name,
        executable: details?.executable ?? null,
        commandLine: details?.commandLine ?? null,
        user: details?.user ?? null,
        startTime: details?.startTime ?? null,
        ports: found.ports,
      },
    }
  }

  async stop(rowId: string, { force }: StopOptions): Promise<StopOutcome> {
    const found = findStopTarget(this.monitor.rows(), rowId, this.protect)
    if (!found.ok) return refused(null, found.message)
    const confirmation = this.confirmed.get(rowId)
    if (!confirmation || confirmation.identity.pid !== found.pid) {
      return refused(found.pid, `${processLabel(found.name, found.pid)} was not confirmed for stopping; nothing was signalled.`)
    }
    const { identity, name, ports } = confirmation
    const who = processLabel(name, identity.pid)
    const current = this.probe.identify(identity.pid)
    if (current && identity.startTicks !== null && current.startTicks !== identity.startTicks) {
      this.confirmed.delete(rowId)
      return refused(identity.pid, `pid ${identity.pid} is no longer the ${name ?? 'process'} you confirmed (the pid was reused); nothing was signalled.`)
    }
    if (!current) return this.afterExit(rowId, identity.pid, name, ports, null, Date.now())

    const signal: StopSignal = force ? 'SIGKILL' : 'SIGTERM'
    const sent = sendSignal(identity.pid, signal)
    if (sent === 'denied') {
      return outcome('permission-denied', identity.pid, null, `Not allowed to stop ${who}: it runs as another user (stopping it needs root or administrator rights).`)
    }
    if (sent === 'gone') return this.afterExit(rowId, identity.pid, name, ports, null, Date.now())
    if (!(await this.probe.waitForExit(identity, this.exitWaitMs))) {
      const seconds = Math.round(this.exitWaitMs / 1000)
      return force
        ? outcome('still-running', identity.pid, signal, `${who} is still running ${seconds} s after ${this.signalName(signal)}; it may be stuck in the kernel.`)
        : { ...outcome('still-running', identity.pid, signal, `${who} is still running ${seconds} s after ${this.signalName(signal)}; it may be ignoring it, so you can force it.`), canForce: true }
    }
    return this.afterExit(rowId, identity.pid, name, ports, signal, Date.now())
  }

  /** Re-scans and reports what holds the target's ports now that the process is gone. */
  private async afterExit(rowId: string, pid: number, name: string | null, ports: HeldPort[], signal: StopSignal | null, exitedAt: number): Promise<StopOutcome> {
    this.confirmed.delete(rowId)
    const who = processLabel(name, pid)
    const what = signal ? `Stopped ${who}` : `${who} had already exited`
    if (!(await this.rescan(exitedAt))) {
      return outcome('unverified', pid, signal, `${what}, but the re-scan failed (${this.monitor.status.error ?? 'unknown error'}), so whether ${portsLabel(ports)} ${portsVerb(ports, 'is', 'are')} free is unknown.`)
    }
    const holders = holdersOf(this.monitor.rows(), ports)
    if (holders.length === 0) return outcome(signal ? 'freed' : 'gone-already', pid, signal, `${what}; ${portsLabel(ports)} ${portsVerb(ports, 'is', 'are')} free.`)
    if (holders.some((h) => h.pid === pid)) {
      return outcome('unverified', pid, signal, `${what}, but the re-scan still lists it on ${portsLabel(holders)}.`)
    }
    const others = [...new Set(holders.map((h) => (h.pid === null ? 'a hidden process of another user' : processLabel(h.process, h.pid))))]
    return {
      ...outcome('port-taken-again', pid, signal, `${what}, but ${portsLabel(holders)} ${portsVerb(holders, 'was', 'were')} taken again by ${others.join(' and ')}, likely a restarted service.`),
      takenBy: holders,
    }
  }

  /** Collects until one collection started after `since` has succeeded; false when the collection failed. */
  private async rescan(since: number): Promise<boolean> {
    for (let attempt = 0; attempt < 2; attempt++) {
      await this.monitor.pollNow()
      const { lastPollAt, lastPollMs, consecutiveFailures } = this.monitor.status
      if (consecutiveFailures > 0) return false
      // pollNow joins a collection already in flight, which may have read the sockets before the exit.
      if (lastPollAt !== null && lastPollMs !== null && lastPollAt - lastPollMs >= since) return true
    }
    return false
  }

  private signalName(signal: StopSignal): string {
    return this.platform === 'win32' ? 'terminate' : signal
  }

  private remember(rowId: string, confirmation: Confirmation): void {
    this.confirmed.delete(rowId)
    this.confirmed.set(rowId, confirmation)
    if (this.confirmed.size > MAX_CONFIRMATIONS) this.confirmed.delete(this.confirmed.keys().next().value as string)
  }
}

/** Listed sockets on the target's listening addresses and ports, whoever holds them. */
function holdersOf(rows: readonly Row[], ports: readonly HeldPort[]): PortHolder[] {
  const wanted = new Set(ports.map((p) => `${p.protocol}|${p.address}|${p.port}`))
  return rows
    .filter((r) => r.remotePort === null && wanted.has(`${r.protocol}|${r.address}|${r.port}`))
    .map((r) => ({ protocol: r.protocol, address: r.address, port: r.port, pid: r.pid, process: r.process }))
}

function outcome(result: StopOutcome['result'], pid: number | null, signal: StopSignal | null, message: string): StopOutcome {
  return { result, message, pid, signal, takenBy: [], canForce: false }
}

function refused(pid: number | null, message: string): StopOutcome {
  return outcome('refused', pid, null, message)
}
