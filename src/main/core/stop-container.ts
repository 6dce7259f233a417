import type { Row } from '../../shared/row'
import type { StopOutcome } from '../../shared/stop'
import { errorText as errorMessage } from '../../shared/error-text'
import type { ContainerSource } from '../monitor/containers/source'
import { holdersOf, type StopMonitor } from './stop-process'
import { portsHeldBy } from './stop-target'
import { portsLabel, portsVerb } from './stop-wording'

function outcome(result: StopOutcome['result'], message: string, pid: number | null): StopOutcome {
  return { result, message, pid, signal: null, takenBy: [], canForce: false }
}

/**
 * Stops the container a listed row's process runs in, through the engine's API, then re-scans. The
 * container comes from the monitor's own row (its cgroup) and must have been shown in a confirmation.
 */
export class ContainerStopper {
  private readonly confirmed = new Map<string, string>()

  constructor(private readonly monitor: StopMonitor, private readonly containers: ContainerSource | null) {}

  /** Pins the container shown in the confirmation for this row. */
  confirm(rowId: string, containerId: string): void {
    this.confirmed.set(rowId, containerId)
    if (this.confirmed.size > 32) this.confirmed.delete(this.confirmed.keys().next().value as string)
  }

  async stop(rowId: string): Promise<StopOutcome> {
    const row = this.monitor.rows().find((r) => r.id === rowId)
    const container = row?.provenance?.container
    const pinned = this.confirmed.get(rowId)
    if (!row || !container || pinned !== container.id) return outcome('refused', 'That container was not confirmed for stopping; nothing was stopped.', row?.pid ?? null)
    if (!this.containers?.stopContainer) return outcome('refused', 'No container engine is reachable to stop it; nothing was stopped.', row.pid)
    const name = container.name ?? container.id.slice(0, 12)
    const ports = portsHeldBy(this.monitor.rows(), row.pid ?? -1)
    this.confirmed.delete(rowId)
    let answer: Awaited<ReturnType<NonNullable<ContainerSource['stopContainer']>>>
    try {
      answer = await this.containers.stopContainer(container.id)
    } catch (error) {
      return outcome('refused', `Could not stop container ${name}: ${errorMessage(error)}.`, row.pid)
    }
    if (answer === 'missing') return outcome('gone-already', `Container ${name} no longer exists.`, row.pid)
    const poll = await this.monitor.pollNow()
    if (!poll.ok) {
      return outcome('unverified', `Stopped container ${name}, but the re-scan failed, so whether ${portsLabel(ports)} ${portsVerb(ports, 'is', 'are')} free is unknown.`, row.pid)
    }
    const holders = holdersOf(this.monitor.rows(), ports)
    const stillOurs = this.monitor.rows().filter((r: Row) => r.provenance?.container?.id === container.id && holders.some((h) => h.pid === r.pid))
    if (holders.length === 0) return outcome('freed', `Stopped container ${name}; ${portsLabel(ports)} ${portsVerb(ports, 'is', 'are')} free.`, row.pid)
    if (stillOurs.length > 0) return { ...outcome('port-taken-again', `Stopped container ${name}, but ${portsLabel(holders)} ${portsVerb(holders, 'is', 'are')} held again by the same container: its restart policy brought it back.`, row.pid), takenBy: holders, broughtBackBy: `the same container, ${name}` }
    return { ...outcome('port-taken-again', `Stopped container ${name}, but ${portsLabel(holders)} ${portsVerb(holders, 'was', 'were')} taken again by another process.`, row.pid), takenBy: holders }
  }
}
