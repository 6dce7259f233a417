import type { SocketRecord } from '../collector'
import type { ProcessDetails } from './process-details'
import type { ProvenanceEntry } from './sock-diag-reader'
import type { ActivitySample } from '../../../shared/activity'

/** Main thread → worker. */
export interface SockDiagRequest {
  id: number
  includeConnections: boolean
  activity?: boolean
}

/**
 * Worker → main thread. `unchanged` means the records equal the last ones this worker sent: the usual
 * case for listeners, and it spares both threads copying thousands of records every poll.
 */
export type SockDiagResponse =
  | { id: number; records: SocketRecord[]; processes: ProcessDetails[]; provenance?: ProvenanceEntry[]; activity?: ActivitySample[] }
  | { id: number; unchanged: true; processes: ProcessDetails[]; activity?: ActivitySample[] }
  | { id: number; error: string }
