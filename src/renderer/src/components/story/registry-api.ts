import type { PortolanRegistryApi } from '../../../../shared/ipc'

/** The registry and label methods, once the preload exposes them; null until then, and the UI hides them. */
export function registryApi(): PortolanRegistryApi | null {
  const api = window.portolan as unknown as Partial<PortolanRegistryApi> | undefined
  return api && typeof api.registryInfo === 'function' && typeof api.updateRegistry === 'function' ? (api as PortolanRegistryApi) : null
}

export function hasLabelApi(api: PortolanRegistryApi | null): api is PortolanRegistryApi {
  return api !== null && typeof api.setLabel === 'function' && typeof api.removeLabel === 'function'
}

export { errorText } from '../../lib/error-text'
