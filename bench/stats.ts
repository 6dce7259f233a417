export interface Summary {
  median: number
  p95: number
}

/** Nearest-rank percentile of a sample. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  // Empty: no percentile.
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN
}

export function summarize(values: readonly number[]): Summary {
  return { median: percentile(values, 50), p95: percentile(values, 95) }
}

/** CPU ms (user + system) this process used since `start`, all threads included. */
export function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start)
  return (used.user + used.system) / 1000
}
