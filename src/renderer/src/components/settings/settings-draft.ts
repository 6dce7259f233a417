// The settings form's editable text and its conversion to a patch, as pure functions.
import type { ColumnId, Settings, SettingsPatch } from '../../../../shared/settings'
import { parsePortSpec, POLL_INTERVAL_MAX_MS, POLL_INTERVAL_MIN_MS } from '../../../../shared/validate'

/** Field names for main's schema paths ("pollIntervalMs: …"), so a message names what the form shows. */
const FIELD_NAMES: Readonly<Record<string, string>> = {
  pollIntervalMs: 'Poll interval',
  'alerts.watchedPorts': 'Watched ports',
  'alerts.processNames': 'Watched process names',
  visibleColumns: 'Visible columns',
}

/**
 * main's one-line reason in the form's words: the field's label for its schema path, seconds for milliseconds.
 * main's path starts with the argument's index ("0.pollIntervalMs: …": the patch is updateSettings' first argument).
 */
export function settingsErrorText(message: string): string {
  const [, path, said] = /^(?:\d+\.)?([\w.]+?)(?:\.\d+)*: (.*)$/.exec(message) ?? []
  if (path === undefined || said === undefined) return message
  const field = FIELD_NAMES[path] ?? path
  const reason = said.replace(/(\d+) ms\b/g, (_all, ms: string) => `${Number(ms) / 1000} s`).replace(/^interval /, '')
  return `${field}: ${reason}`
}

export interface SettingsDraft {
  /** Seconds, as typed. */
  pollSeconds: string
  theme: Settings['theme']
  visibleColumns: ColumnId[]
  alertsEnabled: boolean
  /** "3000, 8080/tcp", as typed. */
  watchedPorts: string
  /** "postgres, redis-server", as typed. */
  processNames: string
  exposedBeyondLoopback: boolean
  reverseDns: boolean
}

export function draftFrom(settings: Settings): SettingsDraft {
  return {
    pollSeconds: String(settings.pollIntervalMs / 1000),
    theme: settings.theme,
    visibleColumns: [...settings.visibleColumns],
    alertsEnabled: settings.alerts.enabled,
    watchedPorts: settings.alerts.watchedPorts.join(', '),
    processNames: settings.alerts.processNames.join(', '),
    exposedBeyondLoopback: settings.alerts.exposedBeyondLoopback,
    reverseDns: settings.reverseDns ?? false,
  }
}

/** Items separated by commas or new lines (process names may contain spaces). */
function listItems(text: string, separator = /[,\n]/): string[] {
  return text
    .split(separator)
    .map((item) => item.trim())
    .filter(Boolean)
}

/**
 * The patch to send; throws an Error with one sentence when a field cannot be read at all (the ranges are
 * main's to check, so its message is the one the user sees for those). Filters are saved by the filter bar.
 */
export function patchFrom(draft: SettingsDraft): SettingsPatch {
  const seconds = Number(draft.pollSeconds.trim())
  if (draft.pollSeconds.trim() === '' || !Number.isFinite(seconds)) throw new Error(`Poll interval: "${draft.pollSeconds}" is not a number of seconds`)
  // In the field's own unit: the schema speaks milliseconds.
  if (seconds * 1000 < POLL_INTERVAL_MIN_MS) throw new Error(`Poll interval must be at least ${POLL_INTERVAL_MIN_MS / 1000} s`)
  if (seconds * 1000 > POLL_INTERVAL_MAX_MS) throw new Error(`Poll interval must be at most ${POLL_INTERVAL_MAX_MS / 1000} s`)
  // parsePortSpec accepts "8080/tcp" too; alerts watch the number on either protocol.
  const watchedPorts = [...new Set(listItems(draft.watchedPorts, /[,\s]+/).map((item) => parsePortSpec(item).port))]
  return {
    pollIntervalMs: Math.round(seconds * 1000),
    theme: draft.theme,
    visibleColumns: draft.visibleColumns,
    alerts: {
      enabled: draft.alertsEnabled,
      watchedPorts,
      processNames: [...new Set(listItems(draft.processNames))],
      exposedBeyondLoopback: draft.exposedBeyondLoopback,
    },
    reverseDns: draft.reverseDns,
  }
}
