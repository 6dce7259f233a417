import type { Collector } from './collector'
import { SystemInformationCollector } from './si-collector'

export interface CollectorChoice {
  collector: Collector
  /** Why this collector, when it is not the first choice. */
  note: string | null
}

/** The collector for this platform. */
export function selectCollector(platform: NodeJS.Platform = process.platform): CollectorChoice {
  return { collector: new SystemInformationCollector(platform), note: null }
}
