import { join } from 'node:path'
import { requestHandlers, type RequestHandlers } from '../../src/main/core/api'
import { writeFileAtomic } from '../../src/main/core/atomic-file'
import type { PortolanCore } from '../../src/main/core/portolan'

export interface PreviewHost {
  handlers: RequestHandlers
  /** URLs "opened in the browser": the preview only records them (tests read this). */
  opened: string[]
  /** Files "shown in their folder", recorded likewise. */
  shownInFolder: string[]
}

/** The app's request handlers with the preview's stand-ins for the save dialog and the system browser. */
export function previewHost(core: PortolanCore, exportDir: string): PreviewHost {
  const opened: string[] = []
  const shownInFolder: string[] = []
  const handlers = requestHandlers(core, {
    // No dialog in a browser tab: exports land in exportDir under their suggested name.
    saveExport: async (file) => {
      const path = join(exportDir, file.suggestedName)
      writeFileAtomic(path, file.content)
      return { saved: true, path, count: file.count }
    },
    openUrl: async (url) => {
      opened.push(url)
    },
    showInFolder: (path) => {
      shownInFolder.push(path)
    },
  })
  return { handlers, opened, shownInFolder }
}
