import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { Worker } from 'node:worker_threads'
import type { CollectOptions, Collector, SocketRecord } from '../collector'
import type { ProcessDetails } from './process-details'
import type { SockDiagRequest, SockDiagResponse } from './sock-diag-protocol'
import type { Provenance } from '../../../shared/provenance'
import type { ActivitySample } from '../../../shared/activity'

/** A worker entry file, or CommonJS source to evaluate as the worker. */
export type WorkerScript = { file: string } | { source: string }

/**
 * Where the worker lives: next to the bundle (out/main/sockDiagWorker.js, an electron-vite entry) or,
 * when running from source (tsx, vitest), the TypeScript file beside this one, loaded through tsx's
 * require hook (Node 20 ignores `--import tsx` in a worker's execArgv).
 */
export function sockDiagWorkerScript(file: string = __filename): WorkerScript {
  const dir = dirname(file)
  const bundled = join(dir, 'sockDiagWorker.js')
  if (existsSync(bundled)) return { file: bundled }
  const tsx = createRequire(file).resolve('tsx/cjs/api')
  const entry = join(dir, 'sock-diag-worker.ts')
  return { source: `require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(entry)})` }
}

interface Pending {
  resolve(records: SocketRecord[]): void
  reject(error: Error): void
}

/**
 * The Linux collector: the netlink sock_diag dump plus /proc owners, run in a worker thread so the
 * main thread only posts a request and receives records. A worker that dies is replaced on the next
 * collection; one that hangs is terminated when the caller's signal aborts.
 */
export class SockDiagCollector implements Collector {
  readonly name = 'sock_diag'
  private worker: Worker | null = null
  private readonly pending = new Map<number, Pending>()
  private nextId = 1
  private processes = new Map<number, ProcessDetails>()
  private provenance = new Map<number, Provenance>()
  private activitySamples: readonly ActivitySample[] | null = null
  /** The records the current worker sent last; it answers "unchanged" when they still hold. */
  private lastRecords: SocketRecord[] | null = null

  constructor(private readonly script: WorkerScript = sockDiagWorkerScript()) {}

  collect({ includeConnections, activity, signal }: CollectOptions): Promise<SocketRecord[]> {
    if (signal.aborted) return Promise.reject(abortError(signal))
    const worker = this.ensureWorker()
    const id = this.nextId++
    return new Promise<SocketRecord[]>((resolve, reject) => {
      const onAbort = (): void => {
        // The worker may be stuck in a blocking call: only terminating it frees the next collection.
        this.replaceWorker(worker, abortError(signal))
      }
      signal.addEventListener('abort', onAbort, { once: true })
      const settle = (): void => {
        signal.removeEventListener('abort', onAbort)
        this.pending.delete(id)
        if (this.pending.size === 0) worker.unref()
      }
      this.pending.set(id, {
        resolve: (records) => { settle(); resolve(records) },
        reject: (error) => { settle(); reject(error) },
      })
      worker.ref()
      if (!activity) this.activitySamples = null
      const request: SockDiagRequest = { id, includeConnections, activity: activity === true }
      worker.postMessage(request)
    })
  }

  activity(): readonly ActivitySample[] | null {
    return this.activitySamples
  }

  /** Where a process that owned a socket in the last collection comes from. */
  provenanceOf(pid: number): Provenance | undefined {
    return this.provenance.get(pid)
  }

  /** Details of a process that owned a socket in the last collection. */
  processDetails(pid: number): ProcessDetails | undefined {
    return this.processes.get(pid)
  }

  async close(): Promise<void> {
    const worker = this.worker
    if (!worker) return
    this.replaceWorker(worker, new Error('the sock_diag collector was closed'))
    await worker.terminate()
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker
    const worker = 'file' in this.script
      ? new Worker(this.script.file)
      : new Worker(this.script.source, { eval: true })
    worker.unref()
    worker.on('message', (response: SockDiagResponse) => {
      if (this.worker === worker) this.receive(response)
    })
    worker.on('error', (error) => this.replaceWorker(worker, new Error(`the sock_diag worker failed: ${error.message}`)))
    worker.on('exit', (code) => this.replaceWorker(worker, new Error(`the sock_diag worker exited (code ${code})`)))
    this.worker = worker
    return worker
  }

  private receive(response: SockDiagResponse): void {
    // Track what the worker last sent even for a collection already given up on: it compares against it.
    if ('records' in response) {
      this.lastRecords = Object.freeze(response.records) as SocketRecord[]
      this.provenance = new Map(response.provenance?.map((entry) => [entry.pid, entry.provenance]))
    }
    const pending = this.pending.get(response.id)
    if (!pending) return
    if ('error' in response) {
      pending.reject(new Error(response.error))
      return
    }
    if (!this.lastRecords) {
      pending.reject(new Error('the sock_diag worker answered "unchanged" to a first collection'))
      return
    }
    this.processes = new Map(response.processes.map((p) => [p.pid, p]))
    if (response.activity) this.activitySamples = Object.freeze(response.activity)
    // The same frozen array for "unchanged": the poller then skips its join and diff.
    pending.resolve(this.lastRecords)
  }

  /** Forgets a dead or stuck worker, fails what it still owed, and lets the next collection start a new one. */
  private replaceWorker(worker: Worker, reason: Error): void {
    if (this.worker !== worker) return
    this.worker = null
    this.lastRecords = null
    for (const pending of [...this.pending.values()]) pending.reject(reason)
    void worker.terminate()
  }
}

function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('collection aborted')
}
