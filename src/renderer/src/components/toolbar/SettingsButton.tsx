import { useState } from 'react'
import { useSettingsStore } from '../../store/settings-store'
import { SettingsPanel } from '../settings/SettingsPanel'

/** Opens the settings panel once main has answered with the current settings. */
export function SettingsButton() {
  const settings = useSettingsStore((s) => s.settings)
  const [open, setOpen] = useState(false)
  return (
    <>
      <button type="button" disabled={!settings} aria-haspopup="dialog" onClick={() => setOpen(true)}>
        Settings…
      </button>
      {open && settings && <SettingsPanel settings={settings} onClose={() => setOpen(false)} />}
    </>
  )
}
