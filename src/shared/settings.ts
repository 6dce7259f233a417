import * as v from 'valibot'
import { IntervalSchema, PortSchema } from './validate'

export const COLUMN_IDS = ['protocol', 'address', 'port', 'service', 'process', 'pid', 'state', 'exposure', 'since', 'container', 'startedBy', 'activity'] as const
export type ColumnId = (typeof COLUMN_IDS)[number]

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

export const SettingsSchema = v.object({
  pollIntervalMs: IntervalSchema,
  theme: v.picklist(['system', 'light', 'dark']),
  filters: FiltersSchema,
  visibleColumns: v.pipe(v.array(v.picklist(COLUMN_IDS)), v.minLength(1)),
  alerts: AlertsSchema,
})

export type Settings = v.InferOutput<typeof SettingsSchema>
export type AlertSettings = Settings['alerts']

export const DEFAULT_SETTINGS: Settings = {
  pollIntervalMs: 1000,
  theme: 'system',
  filters: { text: '', tcp: true, udp: true, ipv4: true, ipv6: true, exposedOnly: false },
  visibleColumns: [...COLUMN_IDS],
  alerts: { enabled: false, watchedPorts: [], processNames: [], exposedBeyondLoopback: false },
}

/** A partial update from the page: any top-level key, validated whole. */
export const SettingsPatchSchema = v.partial(SettingsSchema)
export type SettingsPatch = v.InferOutput<typeof SettingsPatchSchema>
