import type { Row } from '../../shared/row'
import type { HeldPort, PortHolder, StopOptions, StopOutcome, StopTargetAnswer } from '../../shared/stop'
import { ProcessDetailsCache } from '../monitor/linux/process-details'
import type { PollResult } from '../monitor/poller'
import { ProcessProbe, sendSignal, type ProcessIdentity, type StopSignal } from './process-control'
import { currentHolder } from './stop-holder'
import { findStopTarget, PORTOLAN_PIDS, portsWithInodes, protectedReason, type ProtectedPids } from './stop-target'
import { portsLabel, portsVerb, processLabel } from './stop-wording'
import type { Provenance } from '../../shared/provenance'
import { insteadHint, mayComeBack, watchForReturn, whoBroughtItBack } from './respawn'
import { groupStillHolds } from './stop-group'
import { askToClose, terminate, windowsProcessFacts, windowsStartTicks } from './windows-stop'

/** What the stopper needs from the monitor (the Poller): its current rows and a fresh collection. */
export interface StopMonitor {
  rows(): Row[]
  pollNow(): Promise<PollResult>
}

export interface ProcessStopperOptions {
  /** How long to wait for the process to exit after the signal. */
  exitWaitMs?: number
  /** How long to watch for the port to come back after a freed stop, when something could bring it back. */
  returnWatchMs?: number
  probe?: ProcessProbe
  protect?: ProtectedPids
  platform?: NodeJS.Platform
}

export const EXIT_WAIT_MS = 3000
/** Confirmations kept; one per dialog the user opened recently is plenty. */
const MAX_CONFIRMATIONS = 32

/** A described target, as the user confirmed it. */
interface Confirmation {
  /** The pid the row named; the target may be another process that holds the row's socket now. */
  rowPid: number
  identity: ProcessIdentity
  name: string | null
  ports: HeldPort[]
  provenance: Provenance | null
  /** The socket that makes this process the target: it must still hold it when the signal goes out. */
  inode: number | undefined
}

/**
 * Stops the process holding a listed socket, and then tells the truth about it: a re-scan decides
 * whether the port is free, taken again by someone else, or unknown. A stop must follow a
 * describe() of the same row, which pins the process (pid and start time) the user confirmed.
 */
export class ProcessStopper {
  private readonly confirmed = new Map<string, Confirmation>()
  private readonly exitWaitMs: number
  private readonly returnWatchMs: number | undefined
  private readonly probe: ProcessProbe
  private readonly protect: ProtectedPids
  private readonly platform: NodeJS.Platform

  constructor(private readonly monitor: StopMonitor, options: ProcessStopperOptions = {}) {
    this.exitWaitMs = options.exitWaitMs ?? EXIT_WAIT_MS
    this.returnWatchMs = options.returnWatchMs
    this.protect = options.protect ?? PORTOLAN_PIDS
    this.platform = options.platform ?? process.platform
    this.probe = options.probe ?? new ProcessProbe(undefined, this.platform === 'win32' ? windowsStartTicks : null)
  }

  /** What the confirmation shows, or why this row's process cannot be stopped. */
  describe(rowId: string): StopTargetAnswer {
    const rows = this.monitor.rows()
    const found = findStopTarget(rows, rowId, this.protect)
    if (!found.ok) return found
    // The monitor's rows may be a poll old (or paused): confirm from /proc who holds the socket now.
    const holder = currentHolder({ ...found.row, pid: found.pid }, this.probe)
    if (!holder.ok) return holder
    const { identity } = holder
    const pid = identity.pid
    const details = this.probe.hasProcfs && identity.startTicks !== null ? new ProcessDetailsCache().get(pid, identity.startTicks) : null
    const facts = !details && this.platform === 'win32' ? windowsProcessFacts(pid) : null
    const name = details?.name ?? (holder.moved ? null : found.name)
    let ports = found.ports
    let note: string | undefined
    if (holder.moved) {
      const refusal = protectedReason(pid, name, this.protect)
      if (refusal) return { ok: false, message: refusal }
      ports = portsWithInodes(rows, this.probe.socketInodes(pid) ?? new Set())
      const relation = this.probe.parentOf(pid) === found.pid ? ', its child,' : ''
      note = `The monitor listed ${processLabel(found.name, found.pid)}, but ${processLabel(name, pid)}${relation} holds ${portsLabel([found.row])} now: stopping stops ${processLabel(name, pid)}.`
    }
    this.remember(rowId, { rowPid: found.pid, identity, name, ports, inode: found.row.socketInode, provenance: found.row.provenance ?? null })
    return {
      ok: true,
      target: {
        rowId,
        pid,
        name,
        executable: details?.executable ?? facts?.executable ?? null,
        commandLine: details?.commandLine ?? null,
        user: details?.user ?? facts?.user ?? null,
        startTime: details?.startTime ?? facts?.startTime ?? null,
        ports,
        ...(note ? { note } : {}),
        provenance: found.row.provenance ?? null,
      },
    }
  }

  async stop(rowId: string, { force, scope }: StopOptions): Promise<StopOutcome> {
    const found = findStopTarget(this.monitor.rows(), rowId, this.protect)
    if (!found.ok) return refused(null, found.message)
    const confirmation = this.confirmed.get(rowId)
    if (!confirmation || confirmation.rowPid !== found.pid) {
      return refused(found.pid, `${processLabel(found.name, found.pid)} was not confirmed for stopping; nothing was signalled.`)
    }
    const { identity, name, ports, provenance } = confirmation
    const who = processLabel(name, identity.pid)
    const current = this.probe.identify(identity.pid)
    if (current && identity.startTicks !== null && current.startTicks !== identity.startTicks) {
      this.confirmed.delete(rowId)
      return refused(identity.pid, `pid ${identity.pid} is no longer the ${name ?? 'process'} you confirmed (the pid was reused); nothing was signalled.`)
    }
    if (!current) return this.afterExit(rowId, identity.pid, name, ports, null, Date.now())
    const moved = this.socketMovedAway(confirmation)
    if (moved) {
      this.confirmed.delete(rowId)
      return refused(identity.pid, moved)
    }

    if (this.platform === 'win32' && !force) {
      // No SIGTERM on Windows: the polite way is to ask its windows to close (taskkill without /F).
      const asked = askToClose(identity.pid)
      if (asked.result === 'gone') return this.afterExit(rowId, identity.pid, name, ports, null, Date.now())
      if (asked.result === 'no-window') {
        return { ...outcome('still-running', identity.pid, null, `${who} has no window to ask to close, and Windows gives other programs no gentler way to stop it; nothing was sent. Force stop terminates it at once, without letting it clean up.`), canForce: true }
      }
    }
    const signal: StopSignal = force ? 'SIGKILL' : 'SIGTERM'
    // A group is signalled by its id, pinned when it was confirmed, and only while the process is still in it.
    const group = scope === 'group' ? provenance?.processGroup ?? null : null
    if (scope === 'group' && (group === null || group <= 1 || !groupStillHolds(identity.pid, group))) {
      return refused(identity.pid, `${who} is no longer in the process group you confirmed; nothing was signalled.`)
    }
    const sent = this.platform === 'win32' ? (force ? terminate(identity.pid) : 'sent') : sendSignal(group === null ? identity.pid : -group, signal)
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
    return this.afterExit(rowId, identity.pid, name, ports, signal, Date.now(), provenance)
  }

  /** Re-scans and reports what holds the target's ports now that the process is gone. */
  private async afterExit(rowId: string, pid: number, name: string | null, ports: HeldPort[], signal: StopSignal | null, exitedAt: number, provenance: Provenance | null = null): Promise<StopOutcome> {
    this.confirmed.delete(rowId)
    const who = processLabel(name, pid)
    const what = signal ? `Stopped ${who}` : `${who} had already exited`
    const rescan = await this.rescan(exitedAt)
    if (!rescan.ok) {
      return outcome('unverified', pid, signal, `${what}, but the re-scan failed (${rescan.error ?? 'unknown error'}), so whether ${portsLabel(ports)} ${portsVerb(ports, 'is', 'are')} free is unknown.`)
    }
    let holders = holdersOf(this.monitor.rows(), ports)
    // A supervisor that restarts it takes a moment: watch a little while before calling the port free.
    if (holders.length === 0 && signal && mayComeBack(provenance)) holders = toHolders(await watchForReturn(this.monitor, portKeys(ports), this.returnWatchMs))
    if (holders.length === 0) return outcome(signal ? 'freed' : 'gone-already', pid, signal, `${what}; ${portsLabel(ports)} ${portsVerb(ports, 'is', 'are')} free.`)
    if (holders.some((h) => h.pid === pid)) {
      return outcome('unverified', pid, signal, `${what}, but the re-scan still lists it on ${portsLabel(holders)}.`)
    }
    const others = [...new Set(holders.map((h) => (h.pid === null ? 'a hidden process of another user' : processLabel(h.process, h.pid))))]
    const broughtBackBy = whoBroughtItBack(provenance, pid, this.monitor.rows().filter((r) => holders.some((h) => h.pid === r.pid && h.port === r.port)))
    const why = broughtBackBy && provenance ? `: brought back by ${broughtBackBy}; ${insteadHint(provenance)}.` : ', likely a restarted service.'
    return {
      ...outcome('port-taken-again', pid, signal, `${what}, but ${portsLabel(holders)} ${portsVerb(holders, 'was', 'were')} taken again by ${others.join(' and ')}${why}`),
      takenBy: holders,
      broughtBackBy,
    }
  }

  /** Collects until one collection started after `since` has succeeded; not ok when a collection failed. */
  private async rescan(since: number): Promise<{ ok: true } | { ok: false; error: string | null }> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const poll = await this.monitor.pollNow()
      if (!poll.ok) return poll
      // pollNow joins a collection already in flight, which may have read the sockets before the exit.
      if (poll.startedAt >= since) return { ok: true }
    }
    return { ok: false, error: null }
  }

  /** Just before signalling: why the confirmed process no longer holds the confirmed socket, or null when it does. */
  private socketMovedAway({ identity, name, ports, inode }: Confirmation): string | null {
    if (inode === undefined || !this.probe.hasProcfs) return null
    if (this.probe.socketInodes(identity.pid)?.has(inode)) return null
    const holders = this.probe.holdersOf(inode).map((pid) => processLabel(this.probe.nameOf(pid), pid))
    const now = holders.length > 0 ? `; ${holders.join(' and ')} holds it now` : ''
    return `${processLabel(name, identity.pid)} no longer holds ${portsLabel(ports)}${now}; nothing was signalled.`
  }

  private signalName(signal: StopSignal): string {
    if (this.platform !== 'win32') return signal
    return signal === 'SIGKILL' ? 'TerminateProcess' : 'being asked to close its windows'
  }

  private remember(rowId: string, confirmation: Confirmation): void {
    this.confirmed.delete(rowId)
    this.confirmed.set(rowId, confirmation)
    if (this.confirmed.size > MAX_CONFIRMATIONS) this.confirmed.delete(this.confirmed.keys().next().value as string)
  }
}

function portKeys(ports: readonly HeldPort[]): Set<string> {
  return new Set(ports.map((p) => `${p.protocol}|${p.address}|${p.port}`))
}

function toHolders(rows: readonly Row[]): PortHolder[] {
  return rows.map((r) => ({ protocol: r.protocol, address: r.address, port: r.port, pid: r.pid, process: r.process }))
}

/** Listed sockets on the target's listening addresses and ports, whoever holds them. */
export function holdersOf(rows: readonly Row[], ports: readonly HeldPort[]): PortHolder[] {
  const wanted = portKeys(ports)
  return toHolders(rows.filter((r) => r.remotePort === null && wanted.has(`${r.protocol}|${r.address}|${r.port}`)))
}

function outcome(result: StopOutcome['result'], pid: number | null, signal: StopSignal | null, message: string): StopOutcome {
  return { result, message, pid, signal, takenBy: [], canForce: false }
}

function refused(pid: number | null, message: string): StopOutcome {
  return outcome('refused', pid, null, message)
}
