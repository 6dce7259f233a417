import type { Measurement } from './report'

/** Placeholder until the renderer benchmark lands: says why nothing was measured. */
export async function measureRenderer(): Promise<{ measurements: Measurement[] } | { skipped: string }> {
  return { skipped: 'the renderer benchmark is not written yet' }
}
