import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { Worker, parentPort } from 'node:worker_threads'
import type { CollectOptions, Collector, SocketRecord } from './collector'
import type { ProcessDetails } from './linux/process-details'
import type { Provenance, ProvenanceEntry } from '../../shared/provenance'
import type { ActivitySample } from '../../shared/activity'

/** Main thread → worker. */
export interface CollectorRequest {
  id: number
  includeConnections: boolean
  /** Measure activity (Linux: tcp_info), where the reader can. */
  activity?: boolean
}

/**
 * Worker → main thread. `unchanged` means the records equal the last ones this worker sent: the usual
 * case for listeners, and it spares both threads copying thousands of records every poll.
 */
export type CollectorResponse =
  | { id: number; records: SocketRecord[]; processes: ProcessDetails[]; note?: string | null; provenance?: ProvenanceEntry[]; activity?: ActivitySample[] }
  | { id: number; unchanged: true; processes: ProcessDetails[]; note?: string | null; activity?: ActivitySample[] }
  | { id: number; error: string }

/** The synchronous half a worker runs. */
export interface CollectionReader {
  collect(includeConnections: boolean, activity?: boolean): {
    records: SocketRecord[]
    processes: ProcessDetails[]
    unchanged: boolean
    /** Where each owner comes from, with records that changed. */
    provenance?: ProvenanceEntry[]
    /** Per-row activity, when asked for and changed since the last collection. */
    activity?: ActivitySample[]
  }
  /** What the status should say about the last collection (e.g. what it could not see), if anything. */
  readonly note?: string | null
}

/** A worker entry's whole job: answer each request with one collection by `reader`. */
export function serveCollector(name: string, reader: CollectionReader): void {
  const port = parentPort
  if (!port) throw new Error(`the ${name} worker must run as a worker thread`)
  port.on('message', (request: CollectorRequest) => {
    let response: CollectorResponse
    try {
      const { records, processes, unchanged, provenance, activity } = reader.collect(request.includeConnections, request.activity === true)
      const note = reader.note ?? null
      response = unchanged ? { id: request.id, unchanged, processes, note, activity } : { id: request.id, records, processes, note, provenance, activity }
    } catch (error) {
      response = { id: request.id, error: error instanceof Error ? error.message : String(error) }
    }
    port.postMessage(response)
  })
}

/** A worker entry file, or CommonJS source to evaluate as the worker. */
export type WorkerScript = { file: string } | { source: string }

/**
 * Where a worker lives: next to the bundle (out/main/<bundledName>, an electron-vite entry) or, when
 * running from source (tsx, vitest), the TypeScript file `sourcePath` (relative to `file`'s folder),
 * loaded through tsx's require hook (Node 20 ignores `--import tsx` in a worker's execArgv).
 */
export function workerScript(file: string, bundledName: string, sourcePath: string): WorkerScript {
  const dir = dirname(file)
  const bundled = join(dir, bundledName)
  if (existsSync(bundled)) return { file: bundled }
  const tsx = createRequire(file).resolve('tsx/cjs/api')
  const entry = join(dir, sourcePath)
  return { source: `require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(entry)})` }
}

interface Pending {
  resolve(records: SocketRecord[]): void
  reject(error: Error): void
}

/**
 * A collector whose synchronous work runs in a worker thread (see serveCollector), so the main
 * thread only posts a request and receives records. A worker that dies is replaced on the next
 * collection; one that hangs is terminated when the caller's signal aborts.
 */
export class WorkerCollector implements Collector {
  /** The worker's note on its last collection. */
  note: string | null = null
  private worker: Worker | null = null
  private readonly pending = new Map<number, Pending>()
  private nextId = 1
  private processes = new Map<number, ProcessDetails>()
  private provenance = new Map<number, Provenance>()
  private activitySamples: readonly ActivitySample[] | null = null
  /** The records the current worker sent last; it answers "unchanged" when they still hold. */
  private lastRecords: SocketRecord[] | null = null

  constructor(readonly name: string, private readonly script: WorkerScript) {}

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
      const request: CollectorRequest = { id, includeConnections, activity: activity === true }
      worker.postMessage(request)
    })
  }

  /** Where a process that owned a socket in the last collection comes from (Linux). */
  provenanceOf(pid: number): Provenance | undefined {
    return this.provenance.get(pid)
  }

  /** The activity the worker measured last (a new array only when it changed). */
  activity(): readonly ActivitySample[] | null {
    return this.activitySamples
  }

  /** Details of a process that owned a socket in the last collection. */
  processDetails(pid: number): ProcessDetails | undefined {
    return this.processes.get(pid)
  }

  async close(): Promise<void> {
    const worker = this.worker
    if (!worker) return
    this.replaceWorker(worker, new Error(`the ${this.name} collector was closed`))
    await worker.terminate()
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker
    const worker = 'file' in this.script
      ? new Worker(this.script.file)
      : new Worker(this.script.source, { eval: true })
    worker.unref()
    worker.on('message', (response: CollectorResponse) => {
      if (this.worker === worker) this.receive(response)
    })
    worker.on('error', (error) => this.replaceWorker(worker, new Error(`the ${this.name} worker failed: ${error.message}`)))
    worker.on('exit', (code) => this.replaceWorker(worker, new Error(`the ${this.name} worker exited (code ${code})`)))
    this.worker = worker
    return worker
  }

  private receive(response: CollectorResponse): void {
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
      pending.reject(new Error(`the ${this.name} worker answered "unchanged" to a first collection`))
      return
    }
    this.processes = new Map(response.processes.map((p) => [p.pid, p]))
    this.note = response.note ?? null
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
