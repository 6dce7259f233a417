import type { ServiceLookup } from '../registry/lookup'
import type { Registry, RegistryInfo } from '../registry/model'
import { loadActiveRegistry } from '../registry/store'
import { updateRegistry } from '../registry/update'

/** The registry in use (the bundled snapshot or the user's import); an update replaces it for every reader. */
export class RegistryService {
  private registry: Registry
  /** Why the imported registry could not be used, if it could not. */
  readonly warning: string | null
  private readonly updateListeners = new Set<() => void>()
  /** Delegates, so an updated registry reaches the poller's join without restarting it. */
  readonly lookup: ServiceLookup = { lookup: (port, protocol) => this.registry.lookup(port, protocol) }

  constructor(private readonly dataDir: string, registry?: Registry) {
    const active = registry ? { registry, warning: null } : loadActiveRegistry(dataDir)
    this.registry = active.registry
    this.warning = active.warning
  }

  current(): Registry {
    return this.registry
  }

  info(): RegistryInfo {
    return this.registry.info()
  }

  /** Imports IANA's CSV or XML from a file or URL; on any failure the registry in use stays. */
  async update(source: string): Promise<RegistryInfo> {
    this.registry = await updateRegistry(source, { current: this.registry, dir: this.dataDir })
    for (const listener of this.updateListeners) listener()
    return this.registry.info()
  }

  onUpdate(listener: () => void): () => void {
    this.updateListeners.add(listener)
    return () => this.updateListeners.delete(listener)
  }
}
