import type { PortolanApi } from '../shared/ipc'

declare global {
  interface Window {
    portolan: PortolanApi
  }
}
