import * as v from 'valibot'
import { REQUESTS, type ExportResult, type RequestName, type RequestResult, type ValidArgs } from '../../shared/ipc'
import { errorText } from '../../shared/error-text'
import { describeIssues, InputError } from '../../shared/validate'
import type { PortolanApp } from './compose'

/** What only the host can do: Electron shows a save dialog and opens the browser; the web preview does it its own way. */
export interface HostActions {
  saveExport(file: { content: string; count: number; suggestedName: string }): Promise<ExportResult>
  openUrl(url: string): Promise<void>
  /** Reveals a saved file in the file manager (Electron: shell.showItemInFolder); absent where the host cannot. */
  showInFolder?(path: string): Promise<void> | void
}

/** One handler per request of the contract (shared/ipc.ts REQUESTS), on validated arguments, typed by its result. */
export type RequestHandlers = { [N in RequestName]: (...args: ValidArgs<N>) => RequestResult<N> | Promise<RequestResult<N>> }

export type RequestAnswer =
  | { ok: true; result: unknown }
  /** invalid: the arguments failed the contract's schema; failed: the handler threw. One sentence either way. */
  | { ok: false; why: 'invalid' | 'failed'; message: string }

/**
 * Validates a request's arguments against the contract and runs its handler: what the Electron IPC
 * layer and the web preview bridge both do with a message, so they answer alike.
 */
export async function answerRequest<N extends RequestName>(handler: RequestHandlers[N], name: N, args: unknown[]): Promise<RequestAnswer> {
  const parsed = v.safeParse(REQUESTS[name].args, args)
  if (!parsed.success) return { ok: false, why: 'invalid', message: describeIssues(parsed.issues) }
  try {
    return { ok: true, result: await (handler as (...valid: unknown[]) => unknown)(...parsed.output) }
  } catch (error) {
    return { ok: false, why: 'failed', message: errorText(error) }
  }
}

/**
 * The answer to every page request, on already-validated arguments: which service answers it. Both the
 * Electron IPC layer and the preview bridge serve this one table, so they cannot drift apart.
 */
export function requestHandlers(app: PortolanApp, host: HostActions): RequestHandlers {
  // Only files this process saved may be revealed: the page names one, main decides.
  const exported = new Set<string>()
  return {
    snapshot: () => app.monitor.snapshot(),
    story: (port, protocol) => app.story(port, protocol),
    registryInfo: () => app.registry.info(),
    updateRegistry: (source) => app.registry.update(source),
    labels: () => app.labels.list(),
    setLabel: (label) => app.labels.set(label),
    removeLabel: (port, protocol) => app.labels.remove(port, protocol),
    settings: () => app.settings.get(),
    updateSettings: (patch) => app.settings.update(patch),
    notices: () => app.notices(),
    setPaused: (paused) => app.pace.setPaused(paused),
    describeStop: (rowId) => app.stops.describe(rowId),
    stopProcess: (rowId, options) => app.stops.stop(rowId, options),
    exportRows: async (rowIds, format) => {
      const result = await host.saveExport(app.rowExport.exportFile(rowIds, format))
      if (result.saved && result.path) exported.add(result.path)
      return result
    },
    showExportInFolder: async (path) => {
      if (!exported.has(path)) throw new InputError('only a file Portolan exported in this run can be shown')
      if (!host.showInFolder) throw new InputError('this window cannot show files in a folder')
      await host.showInFolder(path)
    },
    openInBrowser: async (rowId) => {
      const url = app.rowExport.browserUrlFor(rowId)
      await host.openUrl(url)
      return url
    },
    showAllOwners: () => app.owners.show(),
  }
}
