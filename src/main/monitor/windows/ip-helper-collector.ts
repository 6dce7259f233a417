import { WorkerCollector, workerScript, type WorkerScript } from '../worker-collector'

/** The Windows worker: out/main/ipHelperWorker.js when bundled, else ip-helper-worker.ts beside this file. */
export function ipHelperWorkerScript(file: string = __filename): WorkerScript {
  return workerScript(file, 'ipHelperWorker.js', 'ip-helper-worker.ts')
}

/** The Windows collector: GetExtendedTcpTable / GetExtendedUdpTable plus a process snapshot, in a worker thread. */
export class IpHelperCollector extends WorkerCollector {
  constructor(script: WorkerScript = ipHelperWorkerScript()) {
    super('IP Helper', script)
  }
}
