import * as v from 'valibot'
import type { AlertNotice } from './alerts'
import type { ShowAllOwnersOutcome } from './owner'
import type { Delta, MonitorStatus, Snapshot } from './row'
import { SettingsPatchSchema, type Settings } from './settings'
import type { StopOutcome, StopTargetAnswer } from './stop'
import type { PortLabel, Story } from './story'
import {
  DescribeStopTargetRequestSchema,
  PortLabelSchema,
  RemoveLabelRequestSchema,
  RowIdSchema,
  StopProcessRequestSchema,
  StoryRequestSchema,
  UpdateRegistryRequestSchema,
} from './validate'

/** What `registry info --json` prints, and what the app shows about the registry in use. */
export interface RegistryInfo {
  source: string
  /** YYYY-MM-DD of the newest data. */
  asOf: string
  records: number
  /** Distinct port numbers with at least one assigned or reserved record. */
  ports: number
  /** The registry's own date (same as asOf). */
  date: string
  /** "IANA's registry of 2026-08-17, bundled with Portolan" or "…, imported on … from …". */
  description: string
  bundled: boolean
  /** YYYY-MM-DD of the user's import; null for the bundled snapshot. */
  importedAt: string | null
  /** Distinct port numbers with curated "what actually uses it" entries. */
  curatedPorts: number
}

/** The default source offered by "Update registry from IANA". */
export const IANA_REGISTRY_URL = 'https://www.iana.org/assignments/service-names-port-numbers/service-names-port-numbers.xml'

export interface ExportResult {
  /** False when the user cancelled the save dialog. */
  saved: boolean
  path: string | null
  count: number
}

export const EXPORT_MAX_ROWS = 200_000
const NoArgs = v.strictTuple([])

type ArgsSchema = v.GenericSchema<unknown[], unknown[]>

/** One request of the contract: the schema its arguments must pass and, as a type only, what it answers. */
export interface RequestSpec<A extends ArgsSchema = ArgsSchema, R = unknown> {
  readonly args: A
  /** Never set at run time: it carries the result type. */
  readonly result?: R
}

/** `request(ArgsSchema).returns<Result>()`: a request entry. */
function request<A extends ArgsSchema>(args: A) {
  return { returns: <R>(): RequestSpec<A, R> => ({ args }) }
}

/**
 * Every request the page may make, once: its arguments' schema and its result. window.portolan, the
 * main-process handlers, the preload, the web preview's bridge and the benchmark's fake page are all
 * derived from this table; the Electron IPC handlers and the preview bridge validate against it.
 */
export const REQUESTS = {
  snapshot: request(NoArgs).returns<Snapshot>(),
  story: request(StoryRequestSchema).returns<Story>(),
  registryInfo: request(NoArgs).returns<RegistryInfo>(),
  /** source: an http(s) URL of IANA's CSV or XML. Rejects with a one-sentence reason; the registry in use stays. */
  updateRegistry: request(UpdateRegistryRequestSchema).returns<RegistryInfo>(),
  labels: request(NoArgs).returns<PortLabel[]>(),
  setLabel: request(v.strictTuple([PortLabelSchema])).returns<PortLabel>(),
  removeLabel: request(RemoveLabelRequestSchema).returns<boolean>(),
  settings: request(NoArgs).returns<Settings>(),
  updateSettings: request(v.strictTuple([SettingsPatchSchema])).returns<Settings>(),
  /** Problems met loading the user's files (moved aside, defaults used), each one sentence. */
  notices: request(NoArgs).returns<string[]>(),
  setPaused: request(v.strictTuple([v.boolean('paused must be true or false')])).returns<void>(),
  /** What the stop confirmation shows; must precede stopProcess for the same row. */
  describeStop: request(DescribeStopTargetRequestSchema).returns<StopTargetAnswer>(),
  stopProcess: request(StopProcessRequestSchema).returns<StopOutcome>(),
  /** Saves the listed rows (looked up in main, never taken from the page) through a save dialog. */
  exportRows: request(
    v.strictTuple([
      v.pipe(v.array(RowIdSchema), v.maxLength(EXPORT_MAX_ROWS, `at most ${EXPORT_MAX_ROWS} rows can be exported`)),
      v.picklist(['csv', 'json'], 'format must be csv or json'),
    ]),
  ).returns<ExportResult>(),
  /** Opens http://localhost:PORT for a listed TCP listener; resolves to the URL opened. */
  openInBrowser: request(v.strictTuple([RowIdSchema])).returns<string>(),
  /** Shows a file this run of Portolan exported in the system's file manager (any other path is refused). */
  showExportInFolder: request(
    v.strictTuple([v.pipe(v.string('path must be text'), v.minLength(1), v.maxLength(4096, 'path is too long'))]),
  ).returns<void>(),
  /** Starts the elevated helper behind the system's password prompt, so other users' owners show. */
  showAllOwners: request(NoArgs).returns<ShowAllOwnersOutcome>(),
} as const

type Requests = typeof REQUESTS
export type RequestName = keyof Requests
/** The arguments as the page passes them. */
export type RequestArgs<N extends RequestName> = v.InferInput<Requests[N]['args']>
/** The arguments as a handler receives them: validated (and trimmed, where the schema trims). */
export type ValidArgs<N extends RequestName> = v.InferOutput<Requests[N]['args']>
export type RequestResult<N extends RequestName> = Requests[N] extends RequestSpec<ArgsSchema, infer R> ? R : never
export const REQUEST_NAMES = Object.keys(REQUESTS) as RequestName[]

/** One push from main to the page; the payload is a type only (main is trusted, nothing to validate). */
export interface PushSpec<P> {
  readonly payload?: P
}
const push = <P>(): PushSpec<P> => ({})

/** Every push from main to the page, once; the page subscribes with on<Name> (onDelta, onStatus, …). */
export const PUSHES = {
  delta: push<Delta>(),
  status: push<MonitorStatus>(),
  settings: push<Settings>(),
  /** New listeners matched the alert rules (the desktop notification is shown by main as well). */
  alert: push<AlertNotice>(),
  /** A desktop notification was clicked: show these rows. */
  select: push<AlertNotice>(),
} as const

type Pushes = typeof PUSHES
export type PushName = keyof Pushes
export type PushPayload<N extends PushName> = Pushes[N] extends PushSpec<infer P> ? P : never
export const PUSH_NAMES = Object.keys(PUSHES) as PushName[]

export type SubscriberName<N extends PushName> = `on${Capitalize<N>}`
/** onDelta for "delta": the API's name for subscribing to a push. */
export function subscriberName<N extends PushName>(name: N): SubscriberName<N> {
  return `on${name.charAt(0).toUpperCase()}${name.slice(1)}` as SubscriberName<N>
}

export const requestChannel = (name: RequestName): string => `portolan:${name}`
export const pushChannel = (name: PushName): string => `portolan:push:${name}`

export type Unsubscribe = () => void

/** window.portolan: the whole surface the page sees, derived from REQUESTS and PUSHES. */
export type PortolanApi = {
  [N in RequestName]: (...args: RequestArgs<N>) => Promise<RequestResult<N>>
} & {
  [N in PushName as SubscriberName<N>]: (cb: (payload: PushPayload<N>) => void) => Unsubscribe
}

/** The registry and label part of the API (the story panel feature-detects it in hosts that lack it). */
export type PortolanRegistryApi = Pick<PortolanApi, 'registryInfo' | 'updateRegistry' | 'labels' | 'setLabel' | 'removeLabel'>

/** How a host carries the API: the preload over Electron IPC, the web preview over its WebSocket. */
export interface ApiTransport {
  request(name: RequestName, args: unknown[]): Promise<unknown>
  subscribe(name: PushName, cb: (payload: unknown) => void): Unsubscribe
}

/** window.portolan over a transport: one method per request and one on<Name> per push, from the tables. */
export function buildPortolanApi(transport: ApiTransport): PortolanApi {
  const api: Record<string, unknown> = {}
  for (const name of REQUEST_NAMES) api[name] = (...args: unknown[]) => transport.request(name, args)
  for (const name of PUSH_NAMES) api[subscriberName(name)] = (cb: (payload: unknown) => void) => transport.subscribe(name, cb)
  return api as PortolanApi
}
