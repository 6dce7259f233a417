import { useId, useState, type FormEvent } from 'react'
import { COLUMN_IDS, type ColumnId, type Settings } from '../../../../shared/settings'
import { POLL_INTERVAL_MAX_MS, POLL_INTERVAL_MIN_MS } from '../../../../shared/validate'
import { portolanApi } from '../../lib/portolan-api'
import { errorText } from '../../lib/error-text'
import { Dialog } from '../dialogs/Dialog'
import { draftFrom, patchFrom, settingsErrorText, type SettingsDraft } from './settings-draft'

const THEMES: { value: Settings['theme']; label: string }[] = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
]

const COLUMN_LABELS: Record<ColumnId, string> = {
  protocol: 'Protocol',
  address: 'Address',
  port: 'Port',
  remote: 'Remote address (connections)',
  service: 'Service',
  label: 'Label',
  exposure: 'Exposure',
  process: 'Process',
  pid: 'PID',
  state: 'State',
  connections: 'Connections (listeners)',
  since: 'Held for (this process)',
  firstSeen: 'First seen (this machine)',
  container: 'Container',
  command: 'Command line',
  executable: 'Executable',
  user: 'User',
  started: 'Process started',
  startedBy: 'Started by',
  activity: 'Activity',
}

export interface SettingsPanelProps {
  settings: Settings
  onClose: () => void
}

/** Poll interval, theme, visible columns and alert rules; saved in one updateSettings patch. */
export function SettingsPanel({ settings, onClose }: SettingsPanelProps) {
  const [draft, setDraft] = useState<SettingsDraft>(() => draftFrom(settings))
  const [error, setError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const errorId = useId()
  const edit = (change: Partial<SettingsDraft>) => {
    setDraft((current) => ({ ...current, ...change }))
    setError(null)
  }
  const toggleColumn = (column: ColumnId, shown: boolean) =>
    edit({ visibleColumns: COLUMN_IDS.filter((id) => (id === column ? shown : draft.visibleColumns.includes(id))) })

  /** Shows its own failure in the form, so nothing is left to catch; preventDefault runs before the first await. */
  const save = async (event: FormEvent) => {
    event.preventDefault()
    setSaving(true)
    try {
      await portolanApi().updateSettings(patchFrom(draft))
      onClose()
    } catch (reason) {
      setError(settingsErrorText(errorText(reason)))
      setSaving(false)
    }
  }

  return (
    <Dialog title="Settings" onClose={onClose} className="settings-sheet">
      {/* noValidate: main checks the ranges, and its one-line reason is what the user sees. */}
      <form className="settings-form" onSubmit={(event) => void save(event)} noValidate aria-describedby={error ? errorId : undefined}>
        <label className="field">
          <span>Poll interval (seconds)</span>
          <input
            type="number"
            inputMode="decimal"
            step="0.25"
            min={POLL_INTERVAL_MIN_MS / 1000}
            max={POLL_INTERVAL_MAX_MS / 1000}
            value={draft.pollSeconds}
            onChange={(event) => edit({ pollSeconds: event.target.value })}
          />
          <small className="muted">
            {POLL_INTERVAL_MIN_MS} ms to {POLL_INTERVAL_MAX_MS / 1000} s
          </small>
        </label>

        <fieldset className="field-group">
          <legend>Theme</legend>
          {THEMES.map(({ value, label }) => (
            <label key={value} className="toggle">
              <input type="radio" name="theme" value={value} checked={draft.theme === value} onChange={() => edit({ theme: value })} />
              {label}
            </label>
          ))}
        </fieldset>

        <fieldset className="field-group columns-group">
          <legend>Visible columns</legend>
          {COLUMN_IDS.map((column) => {
            const shown = draft.visibleColumns.includes(column)
            // At least one column stays: the last one cannot be unticked.
            const last = shown && draft.visibleColumns.length === 1
            return (
              <label key={column} className="toggle">
                <input type="checkbox" checked={shown} disabled={last} onChange={(event) => toggleColumn(column, event.target.checked)} />
                {COLUMN_LABELS[column]}
              </label>
            )
          })}
        </fieldset>

        <fieldset className="field-group alerts-group">
          <legend>Alerts for new listeners</legend>
          <label className="toggle">
            <input type="checkbox" checked={draft.alertsEnabled} onChange={(event) => edit({ alertsEnabled: event.target.checked })} />
            Alert me about new listeners
          </label>
          <label className="field">
            <span>Watched ports</span>
            <input
              type="text"
              placeholder="3000, 8080"
              disabled={!draft.alertsEnabled}
              value={draft.watchedPorts}
              onChange={(event) => edit({ watchedPorts: event.target.value })}
            />
          </label>
          <label className="field">
            <span>Watched process names</span>
            <input
              type="text"
              placeholder="postgres, redis-server"
              disabled={!draft.alertsEnabled}
              value={draft.processNames}
              onChange={(event) => edit({ processNames: event.target.value })}
            />
          </label>
          <label className="toggle">
            <input
              type="checkbox"
              disabled={!draft.alertsEnabled}
              checked={draft.exposedBeyondLoopback}
              onChange={(event) => edit({ exposedBeyondLoopback: event.target.checked })}
            />
            Anything exposed beyond loopback
          </label>
        </fieldset>

        <fieldset className="field-group">
          <legend>Connections</legend>
          <label className="toggle" title="Sends DNS queries for the remote addresses of connections; answers are cached and never hold up a poll">
            <input type="checkbox" checked={draft.reverseDns} onChange={(event) => edit({ reverseDns: event.target.checked })} />
            Look up host names of remote addresses (reverse DNS)
          </label>
        </fieldset>

        {error && (
          <p id={errorId} className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-buttons">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={saving}>
            Save settings
          </button>
        </div>
      </form>
    </Dialog>
  )
}
