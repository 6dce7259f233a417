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

/** Whether two rows' provenance says the same (the worker sends new objects with every changed dump). */
export function sameProvenance(a: Provenance | null | undefined, b: Provenance | null | undefined): boolean {
  if (a === b) return true
  if (!a || !b) return false
  return JSON.stringify(a) === JSON.stringify(b)
}
