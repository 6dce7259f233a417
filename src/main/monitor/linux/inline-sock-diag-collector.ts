import type { CollectOptions, Collector, SocketRecord } from '../collector'
import { SockDiagReader } from './sock-diag-reader'

/**
 * The sock_diag collection on the calling thread: for one-shot commands (`portolan list`), where starting a
 * worker would cost more than the one dump it does. Long-running monitors keep SockDiagCollector's worker.
 */
export class InlineSockDiagCollector implements Collector {
  readonly name = 'sock_diag'
  private readonly reader = new SockDiagReader()

  collect({ includeConnections, signal }: CollectOptions): Promise<SocketRecord[]> {
    if (signal.aborted) return Promise.reject(new Error('collection aborted'))
    try {
      return Promise.resolve(this.reader.collect(includeConnections).records)
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)))
    }
  }

  close(): Promise<void> {
    this.reader.close()
    return Promise.resolve()
  }
}
