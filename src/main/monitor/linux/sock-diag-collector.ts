import { WorkerCollector, workerScript, type WorkerScript } from '../worker-collector'

export type { WorkerScript } from '../worker-collector'

/** The Linux worker: out/main/sockDiagWorker.js when bundled, else sock-diag-worker.ts beside this file. */
export function sockDiagWorkerScript(file: string = __filename): WorkerScript {
  return workerScript(file, 'sockDiagWorker.js', 'sock-diag-worker.ts')
}

/** The Linux collector: the netlink sock_diag dump plus /proc owners, in a worker thread. */
export class SockDiagCollector extends WorkerCollector {
  constructor(script: WorkerScript = sockDiagWorkerScript()) {
    super('sock_diag', script)
  }
}
