import { join } from 'node:path'
import { requestHandlers, type RequestHandlers } from '../../src/main/core/api'
import type { PortolanApp } from '../../src/main/core/compose'
import { writeFileAtomic } from '../../src/main/storage/atomic-file'
import type { PreviewCore } from './bridge-server'

export interface PreviewHost {
  handlers: RequestHandlers
  /** What the bridge pushes to the page, from the app's services. */
  core: PreviewCore
  /** URLs "opened in the browser": the preview only records them (tests read this). */
  opened: string[]
  /** Files "shown in their folder", recorded likewise. */
  shownInFolder: string[]
}

/** The pushes and default answers the bridge takes from the app's services. */
export function previewCoreOf(app: PortolanApp): PreviewCore {
  return {
    snapshot: () => app.monitor.snapshot(),
    story: (port, protocol) => app.story(port, protocol),
    onDelta: (cb) => app.monitor.onDelta(cb),
    onStatus: (cb) => app.monitor.onStatus(cb),
    onSettings: (cb) => app.settings.onChange(cb),
    onAlert: (cb) => app.alerts.onAlert(cb),
  }
}

/** The app's request handlers with the preview's stand-ins for the save dialog and the system browser. */
export function previewHost(app: PortolanApp, exportDir: string): PreviewHost {
  const opened: string[] = []
  const shownInFolder: string[] = []
  const handlers = requestHandlers(app, {
    // No dialog in a browser tab: exports land in exportDir under their suggested name.
    saveExport: (file) => {
      const path = join(exportDir, file.suggestedName)
      writeFileAtomic(path, file.content)
      return Promise.resolve({ saved: true, path, count: file.count })
    },
    openUrl: (url) => {
      opened.push(url)
      return Promise.resolve()
    },
    showInFolder: (path) => {
      shownInFolder.push(path)
    },
  })
  return { handlers, core: previewCoreOf(app), opened, shownInFolder }
}
