import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { Worker, parentPort } from 'node:worker_threads'
import { errorText } from '../../shared/error-text'
import { UNCHANGED, type Collection, type CollectOptions, type Collector, type SocketRecord } from './collector'
import type { ProcessDetails } from './linux/process-details'
import type { Provenance, ProvenanceEntry } from '../../shared/provenance'
import type { ActivitySample } from '../../shared/activity'

/** Main thread → worker: a collection. */
export interface CollectorRequest {
  id: number
  includeConnections: boolean
  /** Measure activity (Linux: tcp_info), where the reader can. */
  activity?: boolean
  /** The main thread kept the records of the worker's previous answer: "unchanged" may stand for them. */
  lastKept: boolean
}

/**
 * Worker → main thread. `unchanged` means the records equal the last ones this worker sent: the usual
 * case for listeners, and it spares both threads copying thousands of records every poll. Process
 * details cross only when they changed since the worker last sent them; provenance goes with records.
 */
export type CollectorResponse =
  | { id: number; records: SocketRecord[]; processes?: ProcessDetails[]; note?: string | null; provenance?: ProvenanceEntry[]; activity?: ActivitySample[] }
  | { id: number; unchanged: true; processes?: ProcessDetails[]; note?: string | null; activity?: ActivitySample[] }
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

/** The same process details, entry for entry (the readers cache them, so an unchanged owner is the same object). */
function sameProcesses(a: readonly ProcessDetails[], b: readonly ProcessDetails[]): boolean {
  return a.length === b.length && a.every((p, i) => p === b[i])
}

/**
 * A worker entry's whole job: answer each collection by `reader`. Process details are sent only when
 * they changed since the last answer, and provenance (which the reader gives only with changed records)
 * is kept here, to go with every answer that carries records.
 */
export function serveCollector(name: string, reader: CollectionReader): void {
  const port = parentPort
  if (!port) throw new Error(`the ${name} worker must run as a worker thread`)
  let sentProcesses: ProcessDetails[] | null = null
  let provenance: ProvenanceEntry[] | undefined
  const answer = (request: CollectorRequest): CollectorResponse => {
    const collection = reader.collect(request.includeConnections, request.activity === true)
    if (!collection.unchanged || provenance === undefined) provenance = collection.provenance
    const processes = sentProcesses !== null && sameProcesses(sentProcesses, collection.processes) ? undefined : collection.processes
    sentProcesses = collection.processes
    const note = reader.note ?? null
    const { activity } = collection
    return collection.unchanged && request.lastKept
      ? { id: request.id, unchanged: true, processes, note, activity }
      : { id: request.id, records: collection.records, processes, note, provenance, activity }
  }
  port.on('message', (request: CollectorRequest) => {
    let response: CollectorResponse
    try {
      response = answer(request)
    } catch (error) {
      response = { id: request.id, error: errorText(error) }
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
  resolve(response: CollectorResponse): void
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

  constructor(readonly name: string, private readonly script: WorkerScript) {}

  collect(options: CollectOptions & { lastKept?: false }): Promise<SocketRecord[]>
  collect(options: CollectOptions): Promise<Collection>
  async collect({ includeConnections, activity, signal, lastKept = false }: CollectOptions): Promise<Collection> {
    if (!activity) this.activitySamples = null
    const response = await this.ask({ id: this.nextId++, includeConnections, activity: activity === true, lastKept }, signal)
    if ('records' in response) return response.records
    // The worker says "unchanged" only when told the records of its previous answer were kept.
    if ('unchanged' in response && lastKept) return UNCHANGED
    throw new Error(`the ${this.name} worker gave no records`)
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

  private ask(request: CollectorRequest, signal: AbortSignal): Promise<CollectorResponse> {
    if (signal.aborted) return Promise.reject(abortError(signal))
    const worker = this.ensureWorker()
    const { id } = request
    return new Promise<CollectorResponse>((resolve, reject) => {
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
        resolve: (response) => { settle(); resolve(response) },
        reject: (error) => { settle(); reject(error) },
      })
      worker.ref()
      worker.postMessage(request)
    })
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
    // What the worker sent is taken even for a collection already given up on: its next answers build on it.
    if ('error' in response) {
      this.pending.get(response.id)?.reject(new Error(response.error))
      return
    }
    if (response.processes) this.processes = new Map(response.processes.map((p) => [p.pid, p]))
    if ('records' in response) this.provenance = new Map(response.provenance?.map((entry) => [entry.pid, entry.provenance]))
    this.note = response.note ?? null
    if (response.activity) this.activitySamples = Object.freeze(response.activity)
    this.pending.get(response.id)?.resolve(response)
  }

  /** Forgets a dead or stuck worker, fails what it still owed, and lets the next collection start a new one. */
  private replaceWorker(worker: Worker, reason: Error): void {
    if (this.worker !== worker) return
    this.worker = null
    for (const pending of [...this.pending.values()]) pending.reject(reason)
    void worker.terminate()
  }
}

function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('collection aborted')
}
