import type { CollectOptions, Collector, OwnerInfo, SocketRecord } from '../collector'
import type { ProcessDetails } from './process-details'
import { SockDiagReader } from './sock-diag-reader'
import type { Provenance } from '../../../shared/provenance'
import type { ActivitySample } from '../../../shared/activity'

/**
 * The sock_diag collection on the calling thread: for one-shot commands (`portolan list`), where starting a
 * worker would cost more than the one dump it does. Long-running monitors keep SockDiagCollector's worker.
 */
export class InlineSockDiagCollector implements Collector {
  readonly name = 'sock_diag'
  private readonly reader = new SockDiagReader()
  private processes = new Map<number, ProcessDetails>()
  private provenance = new Map<number, Provenance>()
  private activitySamples: readonly ActivitySample[] | null = null

  collect({ includeConnections, activity, signal }: CollectOptions): Promise<SocketRecord[]> {
    if (signal.aborted) return Promise.reject(new Error('collection aborted'))
    try {
      const result = this.reader.collect(includeConnections, activity === true)
      if (!activity) this.activitySamples = null
      else if (result.activity) this.activitySamples = Object.freeze(result.activity)
      if (!result.unchanged) this.provenance = new Map(result.provenance?.map((entry) => [entry.pid, entry.provenance]))
      this.processes = new Map(result.processes.map((p) => [p.pid, p]))
      return Promise.resolve(result.records)
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)))
    }
  }

  processDetails(pid: number): OwnerInfo | undefined {
    return this.processes.get(pid)
  }

  activity(): readonly ActivitySample[] | null {
    return this.activitySamples
  }

  provenanceOf(pid: number): Provenance | undefined {
    return this.provenance.get(pid)
  }

  close(): Promise<void> {
    this.reader.close()
    return Promise.resolve()
  }
}
