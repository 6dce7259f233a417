// Worker thread entry: the synchronous netlink and /proc work of the Linux collector, off the main thread.
import { parentPort } from 'node:worker_threads'
import { errorText } from '../../../shared/error-text'
import { SockDiagReader } from './sock-diag-reader'
import type { SockDiagRequest, SockDiagResponse } from './sock-diag-protocol'

const port = parentPort
if (!port) throw new Error('sock-diag-worker must run as a worker thread')
const reader = new SockDiagReader()

function answer(request: SockDiagRequest): SockDiagResponse {
  if (request.kind === 'details') return { id: request.id, details: reader.processDetails(request.pid) ?? null }
  const { records, unchanged } = reader.collect(request.includeConnections)
  return unchanged && request.lastKept ? { id: request.id, unchanged } : { id: request.id, records }
}

port.on('message', (request: SockDiagRequest) => {
  let response: SockDiagResponse
  try {
    response = answer(request)
  } catch (error) {
    response = { id: request.id, error: errorText(error) }
  }
  port.postMessage(response)
})
