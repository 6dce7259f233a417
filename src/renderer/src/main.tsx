import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { MonitorContext } from './store/monitor-context'
import { startThemeSync } from './lib/theme'
import { startFilterSync } from './store/filter-settings-sync'
import { createMonitorStore } from './store/monitor-store'
import { startSettingsSync } from './store/settings-store'
import './styles/app.css'

const root = createRoot(document.getElementById('root') as HTMLElement)

// window.portolan comes from the preload (Electron) or the preview bridge (npm run preview:web).
if (typeof window.portolan === 'undefined') {
  root.render(
    <p className="no-bridge" role="alert">
      Portolan cannot reach its monitor from this page. Start the app, or run <code>npm run preview:web</code> and open the URL it prints.
    </p>,
  )
} else {
  const monitor = createMonitorStore(window.portolan)
  monitor.connect()
  // Settings first, so the theme and the saved filter apply as soon as main answers.
  startSettingsSync(window.portolan)
  startThemeSync(document.documentElement)
  startFilterSync(window.portolan)
  root.render(
    <StrictMode>
      <MonitorContext.Provider value={monitor.store}>
        <App />
      </MonitorContext.Provider>
    </StrictMode>,
  )
}
