import * as v from 'valibot'
import { IntervalSchema, PortSchema } from './validate'

export const COLUMN_IDS = [
  'protocol', 'address', 'port', 'remote', 'service', 'label', 'exposure', 'process', 'pid', 'state', 'connections',
  'since', 'firstSeen', 'container', 'startedBy', 'activity', 'command', 'executable', 'user', 'started',
] as const
export type ColumnId = (typeof COLUMN_IDS)[number]

/** Shown on a first run: what fits at 1280 px; the rest are a tick away in the settings. */
export const DEFAULT_COLUMNS: readonly ColumnId[] = ['protocol', 'address', 'port', 'remote', 'service', 'label', 'exposure', 'process', 'pid', 'state', 'since', 'container', 'startedBy', 'activity', 'command']

const FiltersSchema = v.object({
  text: v.pipe(v.string(), v.maxLength(200)),
  tcp: v.boolean(),
  udp: v.boolean(),
  ipv4: v.boolean(),
  ipv6: v.boolean(),
  exposedOnly: v.boolean(),
})

const AlertsSchema = v.object({
  /** Off by default: alerts are opt-in. */
  enabled: v.boolean(),
  watchedPorts: v.pipe(v.array(PortSchema), v.maxLength(1000)),
  processNames: v.pipe(v.array(v.pipe(v.string(), v.minLength(1), v.maxLength(200))), v.maxLength(200)),
  exposedBeyondLoopback: v.boolean(),
})

export const COLUMN_MIN_WIDTH = 30
export const COLUMN_MAX_WIDTH = 1200
const ColumnIdSchema = v.picklist(COLUMN_IDS)
const ColumnWidthSchema = v.pipe(v.number(), v.integer(), v.minValue(COLUMN_MIN_WIDTH), v.maxValue(COLUMN_MAX_WIDTH))

export const TABLE_VIEWS = ['listeners', 'connections'] as const
export type TableView = (typeof TABLE_VIEWS)[number]

export const SettingsSchema = v.object({
  pollIntervalMs: IntervalSchema,
  theme: v.picklist(['system', 'light', 'dark']),
  filters: FiltersSchema,
  visibleColumns: v.pipe(v.array(ColumnIdSchema), v.minLength(1)),
  alerts: AlertsSchema,
  /** Widths in px of the columns the user resized by dragging; the others keep their default. */
  columnWidths: v.optional(v.record(ColumnIdSchema, ColumnWidthSchema), {}),
  /** The order the user dragged the columns into; columns missing here follow in their default order. */
  columnOrder: v.optional(v.pipe(v.array(ColumnIdSchema), v.maxLength(COLUMN_IDS.length * 2)), []),
  /** Which table the page shows: listeners, or established and other non-listening sockets. */
  view: v.optional(v.picklist(TABLE_VIEWS), 'listeners'),
  /** Look up host names of connections' remote addresses (off: no DNS traffic unless asked). */
  reverseDns: v.optional(v.boolean(), false),
})

export type Settings = v.InferOutput<typeof SettingsSchema>
export type AlertSettings = Settings['alerts']

export const DEFAULT_SETTINGS: Settings = {
  pollIntervalMs: 1000,
  theme: 'system',
  filters: { text: '', tcp: true, udp: true, ipv4: true, ipv6: true, exposedOnly: false },
  visibleColumns: [...DEFAULT_COLUMNS],
  alerts: { enabled: false, watchedPorts: [], processNames: [], exposedBeyondLoopback: false },
  columnWidths: {},
  columnOrder: [],
  view: 'listeners',
  reverseDns: false,
}

/** A partial update from the page: any top-level key, validated whole. */
export const SettingsPatchSchema = v.partial(SettingsSchema)
export type SettingsPatch = v.InferOutput<typeof SettingsPatchSchema>
