// Worker thread entry: the synchronous netlink and /proc work of the Linux collector, off the main thread.
import { parentPort } from 'node:worker_threads'
import { SockDiagReader } from './sock-diag-reader'
import type { SockDiagRequest, SockDiagResponse } from './sock-diag-protocol'

const port = parentPort
if (!port) throw new Error('sock-diag-worker must run as a worker thread')
const reader = new SockDiagReader()

port.on('message', (request: SockDiagRequest) => {
  let response: SockDiagResponse
  try {
    const { records, processes, unchanged, provenance, activity } = reader.collect(request.includeConnections, request.activity === true)
    response = unchanged ? { id: request.id, unchanged, processes, activity } : { id: request.id, records, processes, provenance, activity }
  } catch (error) {
    response = { id: request.id, error: error instanceof Error ? error.message : String(error) }
  }
  port.postMessage(response)
})
