import * as v from 'valibot'
import type { AlertNotice } from './alerts'
import type { ExportFormat } from './export'
import type { ShowAllOwnersOutcome } from './owner'
import type { Delta, MonitorStatus, Protocol, Snapshot } from './row'
import { SettingsPatchSchema, type Settings, type SettingsPatch } from './settings'
import type { StopOptions, StopOutcome, StopTargetAnswer } from './stop'
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

/**
 * Every request the page may make, with the schema its arguments must pass. The Electron IPC handlers
 * and the web preview bridge both validate against this one table.
 */
export const RequestSchemas = {
  snapshot: NoArgs,
  story: StoryRequestSchema,
  registryInfo: NoArgs,
  updateRegistry: UpdateRegistryRequestSchema,
  labels: NoArgs,
  setLabel: v.strictTuple([PortLabelSchema]),
  removeLabel: RemoveLabelRequestSchema,
  settings: NoArgs,
  updateSettings: v.strictTuple([SettingsPatchSchema]),
  notices: NoArgs,
  setPaused: v.strictTuple([v.boolean('paused must be true or false')]),
  describeStop: DescribeStopTargetRequestSchema,
  stopProcess: StopProcessRequestSchema,
  exportRows: v.strictTuple([
    v.pipe(v.array(RowIdSchema), v.maxLength(EXPORT_MAX_ROWS, `at most ${EXPORT_MAX_ROWS} rows can be exported`)),
    v.picklist(['csv', 'json'], 'format must be csv or json'),
  ]),
  openInBrowser: v.strictTuple([RowIdSchema]),
  showExportInFolder: v.strictTuple([v.pipe(v.string('path must be text'), v.minLength(1), v.maxLength(4096, 'path is too long'))]),
  showAllOwners: NoArgs,
} as const

export type RequestName = keyof typeof RequestSchemas
export type RequestArgs<N extends RequestName> = v.InferOutput<(typeof RequestSchemas)[N]>
export const REQUEST_NAMES = Object.keys(RequestSchemas) as RequestName[]

/** Pushes from main to the page. */
export const PUSH_NAMES = ['delta', 'status', 'settings', 'alert', 'select'] as const
export type PushName = (typeof PUSH_NAMES)[number]

export const requestChannel = (name: RequestName): string => `portolan:${name}`
export const pushChannel = (name: PushName): string => `portolan:push:${name}`

export type Unsubscribe = () => void

/** The registry and label part of the API (the story panel feature-detects it in hosts that lack it). */
export type PortolanRegistryApi = Pick<PortolanApi, 'registryInfo' | 'updateRegistry' | 'labels' | 'setLabel' | 'removeLabel'>

/** window.portolan: the whole surface the page sees. */
export interface PortolanApi {
  snapshot(): Promise<Snapshot>
  story(port: number, protocol?: Protocol): Promise<Story>
  registryInfo(): Promise<RegistryInfo>
  /** source: an http(s) URL of IANA's CSV or XML. Rejects with a one-sentence reason; the registry in use stays. */
  updateRegistry(source: string): Promise<RegistryInfo>
  labels(): Promise<PortLabel[]>
  setLabel(label: PortLabel): Promise<PortLabel>
  removeLabel(port: number, protocol: Protocol | null): Promise<boolean>
  settings(): Promise<Settings>
  updateSettings(patch: SettingsPatch): Promise<Settings>
  /** Problems met loading the user's files (moved aside, defaults used), each one sentence. */
  notices(): Promise<string[]>
  setPaused(paused: boolean): Promise<void>
  /** What the stop confirmation shows; must precede stopProcess for the same row. */
  describeStop(rowId: string): Promise<StopTargetAnswer>
  stopProcess(rowId: string, options: StopOptions): Promise<StopOutcome>
  /** Saves the listed rows (looked up in main, never taken from the page) through a save dialog. */
  exportRows(rowIds: string[], format: ExportFormat): Promise<ExportResult>
  /** Opens http://localhost:PORT for a listed TCP listener; resolves to the URL opened. */
  openInBrowser(rowId: string): Promise<string>
  /** Shows a file this run of Portolan exported in the system's file manager (any other path is refused). */
  showExportInFolder(path: string): Promise<void>
  /** Starts the elevated helper behind the system's password prompt, so other users' owners show. */
  showAllOwners(): Promise<ShowAllOwnersOutcome>
  onDelta(cb: (delta: Delta) => void): Unsubscribe
  onStatus(cb: (status: MonitorStatus) => void): Unsubscribe
  onSettings(cb: (settings: Settings) => void): Unsubscribe
  /** New listeners matched the alert rules (the desktop notification is shown by main as well). */
  onAlert(cb: (notice: AlertNotice) => void): Unsubscribe
  /** A desktop notification was clicked: show these rows. */
  onSelect(cb: (notice: AlertNotice) => void): Unsubscribe
}
