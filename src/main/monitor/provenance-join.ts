import type { Provenance } from '../../shared/provenance'
import type { ContainerRef } from '../../shared/row'

/** A container engine's name and image for a full container id, or null when it does not know the id. */
export type ContainerById = (id: string) => ContainerRef | null

/** Fills in the engine's name for the container a process runs in (its cgroup only gives the id). */
export function joinProvenance(provenance: Provenance | undefined, byId: ContainerById | undefined): Provenance | undefined {
  const container = provenance?.container
  if (!provenance || !container || !byId || container.name !== null) return provenance
  const ref = byId(container.id)
  return ref ? { ...provenance, container: { ...container, name: ref.name, image: ref.image } } : provenance
}

