import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { IpcChannel, type PortolanApi, type Unsubscribe } from '../shared/ipc'
import type { Delta, MonitorStatus } from '../shared/row'

/** Subscribes to a push channel; the page gets only the payload, never the IpcRendererEvent. */
function subscribe<T>(channel: string, cb: (payload: T) => void): Unsubscribe {
  const listener = (_event: IpcRendererEvent, payload: T) => cb(payload)
  ipcRenderer.on(channel, listener)
  return () => {
    ipcRenderer.removeListener(channel, listener)
  }
}

const api: PortolanApi = {
  snapshot: () => ipcRenderer.invoke(IpcChannel.snapshot),
  onDelta: (cb) => subscribe<Delta>(IpcChannel.delta, cb),
  onStatus: (cb) => subscribe<MonitorStatus>(IpcChannel.status, cb),
  story: (port, protocol) => (protocol === undefined ? ipcRenderer.invoke(IpcChannel.story, port) : ipcRenderer.invoke(IpcChannel.story, port, protocol)),
}

contextBridge.exposeInMainWorld('portolan', api)
