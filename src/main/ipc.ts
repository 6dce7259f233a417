import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron'
import { pushChannel, REQUEST_NAMES, requestChannel, type PushName, type PushPayload, type RequestName } from '../shared/ipc'
import { answerRequest, type RequestHandlers } from './core/api'

export interface IpcDeps {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>
  handlers: RequestHandlers
  /** The page's own URL check (app-origin.ts). */
  isTrustedUrl(url: string): boolean
  log?: (message: string) => void
}

/** What the page's promise rejects with: one sentence (Electron prefixes it with the channel). */
export class IpcRequestError extends Error {
  override name = 'IpcRequestError'
}

/**
 * Registers a handler for every request in the contract. Each checks that the message comes from the
 * app's own page and validates its arguments; a rejected message is logged and answered with an error.
 */
export function registerIpc(deps: IpcDeps): () => void {
  const log = deps.log ?? ((message: string) => console.warn(message))
  for (const name of REQUEST_NAMES) {
    deps.ipcMain.handle(requestChannel(name), async (event: IpcMainInvokeEvent, ...args: unknown[]) => {
      const url = event.senderFrame?.url ?? ''
      if (!deps.isTrustedUrl(url)) {
        log(`portolan: rejected ${name} from untrusted sender ${JSON.stringify(url)}`)
        throw new IpcRequestError('sender not allowed')
      }
      const answer = await answerRequest(deps.handlers[name], name, args)
      if (answer.ok) return answer.result
      log(answer.why === 'invalid' ? `portolan: rejected ${name}: ${answer.message}` : `portolan: ${name} failed: ${answer.message}`)
      throw new IpcRequestError(answer.message)
    })
  }
  return () => {
    for (const name of REQUEST_NAMES) deps.ipcMain.removeHandler(requestChannel(name))
  }
}

/** Sends a push to every page of the app that is still open (never to a foreign page). */
export function pushTo<N extends PushName>(
  targets: readonly WebContents[],
  isTrustedUrl: (url: string) => boolean,
  name: N,
  payload: PushPayload<N>,
): void {
  for (const contents of targets) {
    if (!contents.isDestroyed() && isTrustedUrl(contents.getURL())) contents.send(pushChannel(name), payload)
  }
}

export type { RequestName }
