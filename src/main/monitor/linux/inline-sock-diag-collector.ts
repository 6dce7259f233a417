import type { CollectOptions, Collector, OwnerInfo, SocketRecord } from '../collector'
import type { ProcessDetails } from './process-details'
import { SockDiagReader } from './sock-diag-reader'

/**
 * The sock_diag collection on the calling thread: for one-shot commands (`portolan list`), where starting a
 * worker would cost more than the one dump it does. Long-running monitors keep SockDiagCollector's worker.
 */
export class InlineSockDiagCollector implements Collector {
  readonly name = 'sock_diag'
  private readonly reader = new SockDiagReader()
  private processes = new Map<number, ProcessDetails>()

  collect({ includeConnections, signal }: CollectOptions): Promise<SocketRecord[]> {
    if (signal.aborted) return Promise.reject(new Error('collection aborted'))
    try {
      const { records, processes } = this.reader.collect(includeConnections)
      this.processes = new Map(processes.map((p) => [p.pid, p]))
      return Promise.resolve(records)
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)))
    }
  }

  processDetails(pid: number): OwnerInfo | undefined {
    return this.processes.get(pid)
  }

  close(): Promise<void> {
    this.reader.close()
    return Promise.resolve()
  }
}
