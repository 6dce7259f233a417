import type { PortolanRegistryApi } from '../../../../shared/ipc'

/** The registry and label methods, once the preload exposes them; null until then, and the UI hides them. */
export function registryApi(): PortolanRegistryApi | null {
  const api = window.portolan as unknown as Partial<PortolanRegistryApi> | undefined
  return api && typeof api.registryInfo === 'function' && typeof api.updateRegistry === 'function' ? (api as PortolanRegistryApi) : null
}

export function hasLabelApi(api: PortolanRegistryApi | null): api is PortolanRegistryApi {
  return api !== null && typeof api.setLabel === 'function' && typeof api.removeLabel === 'function'
}

export function errorText(reason: unknown): string {
  const message = reason instanceof Error ? reason.message : String(reason)
  // Electron prefixes rejected invokes with "Error invoking remote method '…': "; the reason is what matters.
  return message.replace(/^Error invoking remote method '[^']+': (?:\w*Error: )?/, '')
}
