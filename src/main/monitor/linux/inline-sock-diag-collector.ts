import type { CollectOptions, Collector, SocketRecord } from '../collector'
import { SockDiagReader } from './sock-diag-reader'
import type { Provenance } from '../../../shared/provenance'

/**
 * The sock_diag collection on the calling thread: for one-shot commands (`portolan list`), where starting a
 * worker would cost more than the one dump it does. Long-running monitors keep SockDiagCollector's worker.
 */
export class InlineSockDiagCollector implements Collector {
  readonly name = 'sock_diag'
  private readonly reader = new SockDiagReader()
  private provenance = new Map<number, Provenance>()

  collect({ includeConnections, signal }: CollectOptions): Promise<SocketRecord[]> {
    if (signal.aborted) return Promise.reject(new Error('collection aborted'))
    try {
      const result = this.reader.collect(includeConnections)
      if (!result.unchanged) this.provenance = new Map(result.provenance?.map((entry) => [entry.pid, entry.provenance]))
      return Promise.resolve(result.records)
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)))
    }
  }

  provenanceOf(pid: number): Provenance | undefined {
    return this.provenance.get(pid)
  }

  close(): Promise<void> {
    this.reader.close()
    return Promise.resolve()
  }
}
