import type { ExportResult, RequestArgs, RequestName } from '../../shared/ipc'
import { InputError } from '../../shared/validate'
import type { PortolanCore } from './portolan'

/** What only the host can do: Electron shows a save dialog and opens the browser; the web preview does it its own way. */
export interface HostActions {
  saveExport(file: { content: string; count: number; suggestedName: string }): Promise<ExportResult>
  openUrl(url: string): Promise<void>
  /** Reveals a saved file in the file manager (Electron: shell.showItemInFolder); absent where the host cannot. */
  showInFolder?(path: string): Promise<void> | void
}

export type RequestHandlers = { [N in RequestName]: (...args: RequestArgs<N>) => unknown }

/**
 * The answer to every page request, on already-validated arguments. Both the Electron IPC layer and
 * the preview bridge serve this one table, so they cannot drift apart.
 */
export function requestHandlers(core: PortolanCore, host: HostActions): RequestHandlers {
  // Only files this process saved may be revealed: the page names one, main decides.
  const exported = new Set<string>()
  return {
    snapshot: () => core.snapshot(),
    story: (port, protocol) => core.story(port, protocol),
    registryInfo: () => core.registryInfo(),
    updateRegistry: (source) => core.updateRegistry(source),
    labels: () => core.portLabels(),
    setLabel: (label) => core.setPortLabel(label),
    removeLabel: (port, protocol) => core.removePortLabel(port, protocol),
    settings: () => core.getSettings(),
    updateSettings: (patch) => core.updateSettings(patch),
    notices: () => core.notices(),
    setPaused: (paused) => core.setPaused(paused),
    describeStop: (rowId) => core.describeStop(rowId),
    stopProcess: (rowId, options) => core.stopProcess(rowId, options),
    exportRows: async (rowIds, format) => {
      const result = await host.saveExport(core.exportRows(rowIds, format))
      if (result.saved && result.path) exported.add(result.path)
      return result
    },
    showExportInFolder: async (path) => {
      if (!exported.has(path)) throw new InputError('only a file Portolan exported in this run can be shown')
      if (!host.showInFolder) throw new InputError('this window cannot show files in a folder')
      await host.showInFolder(path)
    },
    openInBrowser: async (rowId) => {
      const url = core.browserUrlFor(rowId)
      await host.openUrl(url)
      return url
    },
    showAllOwners: () => core.showAllOwners(),
  }
}
