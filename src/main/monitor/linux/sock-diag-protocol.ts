import type { SocketRecord } from '../collector'
import type { ProcessDetails } from './process-details'

/** Main thread → worker. */
export interface SockDiagRequest {
  id: number
  includeConnections: boolean
}

/** Worker → main thread. */
export type SockDiagResponse =
  | { id: number; records: SocketRecord[]; processes: ProcessDetails[] }
  | { id: number; error: string }
