import * as v from 'valibot'
import type { Delta, MonitorStatus, Protocol, Snapshot } from '../../src/shared/row'
import type { Story } from '../../src/shared/story'
import { StoryRequestSchema } from '../../src/shared/validate'

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

export const BridgeRequestSchema = v.variant(
  'method',
  [
    v.strictObject({ token: TokenSchema, id: RequestIdSchema, method: v.literal('snapshot'), params: v.strictTuple([]) }),
    v.strictObject({ token: TokenSchema, id: RequestIdSchema, method: v.literal('story'), params: StoryRequestSchema }),
  ],
  'method must be snapshot or story',
)
export type BridgeRequest = v.InferOutput<typeof BridgeRequestSchema>
export type BridgeMethod = BridgeRequest['method']

/** What the page sends (JSON has no undefined, so an absent protocol is left out, not sent as null). */
export type BridgeCall = { method: 'snapshot'; params: [] } | { method: 'story'; params: [port: number, protocol?: Protocol] }
export type BridgeCallMessage = BridgeCall & { token: string; id: number }

export interface BridgeResults {
  snapshot: Snapshot
  story: Story
}

export type BridgeMessage =
  | { kind: 'reply'; id: number; result: BridgeResults[BridgeMethod] }
  /** id is null when the request was too garbled to have one. */
  | { kind: 'error'; id: number | null; error: string }
  | { kind: 'delta'; delta: Delta }
  | { kind: 'status'; status: MonitorStatus }
