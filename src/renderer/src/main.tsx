import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { MonitorContext } from './store/monitor-context'
import { createMonitorStore } from './store/monitor-store'
import './styles/app.css'

const monitor = createMonitorStore(window.portolan)
monitor.connect()

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <MonitorContext.Provider value={monitor.store}>
      <App />
    </MonitorContext.Provider>
  </StrictMode>,
)
