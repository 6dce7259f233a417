import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { pushChannel, requestChannel, type PortolanApi, type PushName, type RequestName, type Unsubscribe } from '../shared/ipc'

/** A request: arguments go as they are; main validates them against the contract. */
function request(name: RequestName) {
  return (...args: unknown[]) => ipcRenderer.invoke(requestChannel(name), ...args)
}

/** A push subscription; the page gets only the payload, never the IpcRendererEvent. */
function subscribe<T>(name: PushName) {
  return (cb: (payload: T) => void): Unsubscribe => {
    const channel = pushChannel(name)
    const listener = (_event: IpcRendererEvent, payload: T) => cb(payload)
    ipcRenderer.on(channel, listener)
    return () => {
      ipcRenderer.removeListener(channel, listener)
    }
  }
}

const api: PortolanApi = {
  snapshot: request('snapshot'),
  story: request('story'),
  registryInfo: request('registryInfo'),
  updateRegistry: request('updateRegistry'),
  labels: request('labels'),
  setLabel: request('setLabel'),
  removeLabel: request('removeLabel'),
  settings: request('settings'),
  updateSettings: request('updateSettings'),
  notices: request('notices'),
  setPaused: request('setPaused'),
  describeStop: request('describeStop'),
  stopProcess: request('stopProcess'),
  exportRows: request('exportRows'),
  openInBrowser: request('openInBrowser'),
  showExportInFolder: request('showExportInFolder'),
  showAllOwners: request('showAllOwners'),
  onDelta: subscribe('delta'),
  onStatus: subscribe('status'),
  onSettings: subscribe('settings'),
  onAlert: subscribe('alert'),
  onSelect: subscribe('select'),
}

contextBridge.exposeInMainWorld('portolan', api)
