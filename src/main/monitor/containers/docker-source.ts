import { containerRefOf, indexContainers } from './container-index'
import { listContainers, stopContainer, type ContainerStopAnswer } from './docker-client'
import { dockerEndpoints } from './docker-endpoint'
import type { ContainerRef } from '../../../shared/row'
import { NO_CONTAINERS, type ContainerLookup, type ContainerSource } from './source'

export interface DockerSourceOptions {
  /** Socket paths to try in order; the platform's defaults (and DOCKER_HOST) when omitted. */
  endpoints?: readonly string[]
  /** How long a container list is used before it is asked for again. */
  freshMs?: number
  /** How long to wait before asking again after Docker could not be reached. */
  retryMs?: number
  timeoutMs?: number
  now?: () => number
}

export const DOCKER_FRESH_MS = 5_000
export const DOCKER_RETRY_MS = 30_000
export const DOCKER_TIMEOUT_MS = 1_000

/**
 * Containers from the Docker Engine API, cached so a 1 s poll does not cost a request each time:
 * asked again at most every `freshMs`, and only every `retryMs` while Docker is unreachable.
 * Unreachable Docker is the normal case on most machines, so it is never reported as an error.
 */
export class DockerContainerSource implements ContainerSource {
  private lookup: ContainerLookup = NO_CONTAINERS
  private byId = new Map<string, ContainerRef>()
  private nextRefreshAt = 0
  private refreshing: Promise<void> | null = null
  private readonly endpoints: readonly string[]
  private readonly freshMs: number
  private readonly retryMs: number
  private readonly timeoutMs: number
  private readonly now: () => number
  /** The endpoint that answered last, tried first next time. */
  private preferred: string | null = null
  /** Null until the first refresh finished. */
  reachable: boolean | null = null

  constructor(options: DockerSourceOptions = {}) {
    this.endpoints = options.endpoints ?? dockerEndpoints()
    this.freshMs = options.freshMs ?? DOCKER_FRESH_MS
    this.retryMs = options.retryMs ?? DOCKER_RETRY_MS
    this.timeoutMs = options.timeoutMs ?? DOCKER_TIMEOUT_MS
    this.now = options.now ?? Date.now
  }

  async current(): Promise<ContainerLookup> {
    if (this.now() >= this.nextRefreshAt) {
      this.refreshing ??= this.refresh().finally(() => {
        this.refreshing = null
      })
      await this.refreshing
    }
    return this.lookup
  }

  containerById(id: string): ContainerRef | null {
    return this.byId.get(id) ?? null
  }

  /** Stops a container through the endpoint that answered last; the next refresh then lists it no more. */
  async stopContainer(id: string): Promise<ContainerStopAnswer> {
    if (!this.preferred) throw new Error('Docker is not reachable')
    const answer = await stopContainer(this.preferred, id)
    this.nextRefreshAt = 0
    return answer
  }

  private async refresh(): Promise<void> {
    const order = this.preferred ? [this.preferred, ...this.endpoints.filter((e) => e !== this.preferred)] : this.endpoints
    for (const endpoint of order) {
      try {
        const containers = await listContainers(endpoint, this.timeoutMs)
        this.lookup = indexContainers(containers)
        this.byId = new Map(containers.filter((c) => c.Id !== '').map((c) => [c.Id, containerRefOf(c)]))
        this.preferred = endpoint
        this.reachable = true
        this.nextRefreshAt = this.now() + this.freshMs
        return
      } catch {
        // Missing socket, refusal, timeout or garbage: try the next endpoint.
      }
    }
    this.lookup = NO_CONTAINERS
    this.byId = new Map()
    this.reachable = false
    this.nextRefreshAt = this.now() + this.retryMs
  }
}
