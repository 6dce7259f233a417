import { WorkerCollector, workerScript, type WorkerScript } from '../worker-collector'

/** The macOS worker: out/main/libprocWorker.js when bundled, else libproc-worker.ts beside this file. */
export function libprocWorkerScript(file: string = __filename): WorkerScript {
  return workerScript(file, 'libprocWorker.js', 'libproc-worker.ts')
}

/** The macOS collector: libproc (proc_listpids, PROC_PIDLISTFDS, PROC_PIDFDSOCKETINFO), in a worker thread. */
export class LibprocCollector extends WorkerCollector {
  constructor(script: WorkerScript = libprocWorkerScript()) {
    super('libproc', script)
  }
}
