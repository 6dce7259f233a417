import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron'
import { IpcChannel } from '../shared/ipc'
import { StoryRequestSchema, parseWith } from '../shared/validate'
import type { PortolanCore } from './core/portolan'

export interface IpcDeps {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>
  core: Pick<PortolanCore, 'snapshot' | 'story' | 'onDelta' | 'onStatus'>
  /** The page's own URL check (app-origin.ts). */
  isTrustedUrl(url: string): boolean
  /** Where pushes go: the app's window contents, if any. */
  targets(): WebContents[]
  log?(message: string): void
}

export class IpcRejection extends Error {
  override name = 'IpcRejection'
}

function senderUrl(event: IpcMainInvokeEvent): string {
  return event.senderFrame?.url ?? ''
}

/**
 * Registers every handler. Each one checks that the message comes from the app's own page and
 * validates its payload; a rejected message is logged and answered with an error.
 */
export function registerIpc(deps: IpcDeps): () => void {
  const log = deps.log ?? ((message: string) => console.warn(message))

  const handle = <T>(channel: string, handler: (args: unknown[]) => T) => {
    deps.ipcMain.handle(channel, (event: IpcMainInvokeEvent, ...args: unknown[]) => {
      const url = senderUrl(event)
      if (!deps.isTrustedUrl(url)) {
        log(`portolan: rejected ${channel} from untrusted sender ${JSON.stringify(url)}`)
        throw new IpcRejection(`${channel}: sender not allowed`)
      }
      try {
        return handler(args)
      } catch (error) {
        log(`portolan: rejected ${channel}: ${(error as Error).message}`)
        throw new IpcRejection(`${channel}: ${(error as Error).message}`)
      }
    })
  }

  handle(IpcChannel.snapshot, (args) => {
    if (args.length !== 0) throw new Error('takes no arguments')
    return deps.core.snapshot()
  })
  handle(IpcChannel.story, (args) => {
    const [port, protocol] = parseWith(StoryRequestSchema, args)
    return deps.core.story(port, protocol)
  })

  const push = (channel: string, payload: unknown) => {
    for (const contents of deps.targets()) {
      if (!contents.isDestroyed() && deps.isTrustedUrl(contents.getURL())) contents.send(channel, payload)
    }
  }
  const offDelta = deps.core.onDelta((delta) => push(IpcChannel.delta, delta))
  const offStatus = deps.core.onStatus((status) => push(IpcChannel.status, status))

  return () => {
    offDelta()
    offStatus()
    deps.ipcMain.removeHandler(IpcChannel.snapshot)
    deps.ipcMain.removeHandler(IpcChannel.story)
  }
}
