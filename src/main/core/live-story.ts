import type { Protocol, Row } from '../../shared/row'
import type { PortLabel, Story } from '../../shared/story'
import { ephemeralRange } from '../registry/ranges'
import { tellStory } from '../registry/story'
import type { ProcessFacts } from '../registry/story/live'
import type { RegistryService } from './registry-service'

export interface LiveStorySources {
  registry: Pick<RegistryService, 'current'>
  monitor: { rows(): Row[] }
  labels: { list(): PortLabel[] }
  /** Command line, user and start time of a holder, where the platform tells them (processFactsReader). */
  processFacts?: (row: Row) => ProcessFacts | null
}

/** A port's story with what holds it on this machine now and the user's labels. */
export function tellLiveStory(port: number, protocol: Protocol | undefined, sources: LiveStorySources): Story {
  return tellStory({
    port,
    protocol: protocol ?? null,
    registry: sources.registry.current(),
    live: sources.monitor.rows(),
    ephemeral: ephemeralRange(),
    labels: sources.labels.list(),
    processFacts: sources.processFacts,
  })
}
