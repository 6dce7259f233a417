import type { PortolanApi } from '../../../shared/ipc'

/** window.portolan (the preload's bridge, or the web preview's); main.tsx renders the app only when it exists. */
export function portolanApi(): PortolanApi {
  return window.portolan
}
