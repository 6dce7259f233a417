import * as v from 'valibot'
import { REQUESTS, type ExportResult, type RequestName, type RequestResult, type ValidArgs } from '../../shared/ipc'
import { describeIssues } from '../../shared/validate'
import type { PortolanCore } from './portolan'

/** What only the host can do: Electron shows a save dialog and opens the browser; the web preview does it its own way. */
export interface HostActions {
  saveExport(file: { content: string; count: number; suggestedName: string }): Promise<ExportResult>
  openUrl(url: string): Promise<void>
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
    return { ok: false, why: 'failed', message: error instanceof Error ? error.message : String(error) }
  }
}

/**
 * The answer to every page request, on already-validated arguments. Both the Electron IPC layer and
 * the preview bridge serve this one table, so they cannot drift apart.
 */
export function requestHandlers(core: PortolanCore, host: HostActions): RequestHandlers {
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
    describeStop: (rowId) => core.describeStopTarget(rowId),
    stopProcess: (rowId, options) => core.stopProcess(rowId, options),
    exportRows: (rowIds, format) => host.saveExport(core.exportRows(rowIds, format)),
    openInBrowser: async (rowId) => {
      const url = core.browserUrlFor(rowId)
      await host.openUrl(url)
      return url
    },
  }
}
