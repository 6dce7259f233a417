import type { SocketRecord } from '../collector'
import type { ProcessDetails } from './process-details'

/** Main thread → worker: a collection, or the details of a process that owned a socket in the last one. */
export type SockDiagRequest =
  | {
      kind: 'collect'
      id: number
      includeConnections: boolean
      /** The main thread kept the records of the worker's previous answer: "unchanged" may stand for them. */
      lastKept: boolean
    }
  | { kind: 'details'; id: number; pid: number }

/**
 * Worker → main thread. `unchanged` means the records equal the last ones this worker sent: the usual
 * case for listeners, and it spares both threads copying thousands of records every poll. Process
 * details cross only when asked for.
 */
export type SockDiagResponse =
  | { id: number; records: SocketRecord[] }
  | { id: number; unchanged: true }
  | { id: number; details: ProcessDetails | null }
  | { id: number; error: string }
