import * as v from 'valibot'
import { REQUEST_NAMES, type PushName, type RequestName } from '../../src/shared/ipc'

// The preview bridge's wire format: window.portolan (PortolanApi) carried over a loopback WebSocket.
// Shared by the server (which validates every request) and the page's bridge client.

/** Where the page loads the bridge client and opens the WebSocket. Same origin as the page. */
export const BRIDGE_SCRIPT_PATH = '/__portolan/bridge.js'
export const BRIDGE_SOCKET_PATH = '/__portolan/bridge'
/** The page URL carries the token in its fragment, so it never reaches a request line or a Referer. */
export const TOKEN_FRAGMENT_KEY = 'token'
export const MAX_MESSAGE_BYTES = 64 * 1024

export const RequestIdSchema = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER))
const TokenSchema = v.pipe(v.string(), v.maxLength(200))

/** The envelope; the params are then checked against REQUESTS[method].args, the table Electron's IPC uses too. */
export const BridgeRequestSchema = v.strictObject({
  token: TokenSchema,
  id: RequestIdSchema,
  method: v.picklist(REQUEST_NAMES, `method must be one of ${REQUEST_NAMES.join(', ')}`),
  params: v.pipe(v.array(v.unknown()), v.maxLength(8)),
})
export type BridgeRequest = v.InferOutput<typeof BridgeRequestSchema>

/** What the page sends (JSON has no undefined, so trailing absent arguments are left out). */
export interface BridgeCallMessage {
  token: string
  id: number
  method: RequestName
  params: unknown[]
}

export type BridgeMessage =
  | { kind: 'reply'; id: number; result: unknown }
  /** id is null when the request was too garbled to have one. */
  | { kind: 'error'; id: number | null; error: string }
  | { kind: 'push'; name: PushName; payload: unknown }
