import type { ContainerRef, Protocol } from '../../../shared/row'

/** The container publishing a host port, or null. */
export type ContainerLookup = (protocol: Protocol, port: number, address: string) => ContainerRef | null

export const NO_CONTAINERS: ContainerLookup = () => null

/** Where the poller gets its container lookup from; the seam between the monitor and a container engine. */
export interface ContainerSource {
  /** The lookup to use for this poll. Never rejects: an unreachable engine means no containers. */
  current(): Promise<ContainerLookup>
  /** Whether the engine answered its last request (null before the first); the page hides the Container column without one. */
  readonly reachable?: boolean | null
  /** The name and image of a running container by its full id, from the last answer (null when unknown). */
  containerById?(id: string): ContainerRef | null
  /** Stops a running container through the engine (rejects when the engine cannot be reached or refuses). */
  stopContainer?(id: string): Promise<'stopped' | 'already-stopped' | 'missing'>
}
