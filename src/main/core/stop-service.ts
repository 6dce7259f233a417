import type { StopOptions, StopOutcome, StopTargetAnswer } from '../../shared/stop'
import type { ContainerSource } from '../monitor/containers/source'
import { adviseStop } from './stop-advice'
import { ContainerStopper } from './stop-container'
import { ProcessStopper, type StopMonitor } from './stop-process'
import { PORTOLAN_PIDS } from './stop-target'

/**
 * What the stop dialog talks to: the process stopper's target plus what stopping only the process leads
 * to (unit, container, manager, group), and the stop itself in the scope the user picked.
 */
export class StopService {
  private readonly containerStopper: ContainerStopper

  constructor(
    readonly processes: ProcessStopper,
    monitor: StopMonitor,
    private readonly containers: ContainerSource | null,
  ) {
    this.containerStopper = new ContainerStopper(monitor, containers)
  }

  async describe(rowId: string): Promise<StopTargetAnswer> {
    const answer = this.processes.describe(rowId)
    if (!answer.ok) return answer
    const { target } = answer
    const advice = await adviseStop({
      pid: target.pid,
      name: target.name,
      provenance: target.provenance,
      protect: PORTOLAN_PIDS,
      canStopContainer: this.containers?.stopContainer !== undefined,
    })
    if (advice.container) this.containerStopper.confirm(rowId, advice.container.id)
    return { ok: true, target: { ...target, advice } }
  }

  /** Stops what was confirmed through describe(rowId): the process, its group or its container; then re-scans and says what holds its ports. */
  stop(rowId: string, options: StopOptions): Promise<StopOutcome> {
    return options.scope === 'container' ? this.containerStopper.stop(rowId) : this.processes.stop(rowId, options)
  }
}
