import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { buildPortolanApi, pushChannel, requestChannel } from '../shared/ipc'

// window.portolan, built from the contract's tables (shared/ipc.ts): a request's arguments go as they
// are (main validates them); a push hands the page only its payload, never the IpcRendererEvent.
const api = buildPortolanApi({
  request: (name, args) => ipcRenderer.invoke(requestChannel(name), ...args),
  subscribe: (name, cb) => {
    const channel = pushChannel(name)
    const listener = (_event: IpcRendererEvent, payload: unknown) => cb(payload)
    ipcRenderer.on(channel, listener)
    return () => {
      ipcRenderer.removeListener(channel, listener)
    }
  },
})

contextBridge.exposeInMainWorld('portolan', api)
