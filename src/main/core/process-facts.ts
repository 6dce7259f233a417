import { existsSync } from 'node:fs'
import type { Row } from '../../shared/row'
import { ProcessDetailsCache, readStartTicks } from '../monitor/linux/process-details'
import type { ProcessFacts } from '../registry/story/live'

/**
 * What a story may say about a live row's process beyond the row: command line, user, start time. Read from
 * /proc where there is one (Linux); elsewhere nothing, and the story says only what the row says.
 */
export function processFactsReader(procRoot = '/proc'): (row: Row) => ProcessFacts | null {
  if (!existsSync(`${procRoot}/self/stat`)) return () => null
  const cache = new ProcessDetailsCache(procRoot)
  return (row) => {
    if (row.pid === null) return null
    const ticks = readStartTicks(procRoot, row.pid)
    if (ticks === null) return null
    const details = cache.get(row.pid, ticks)
    return { commandLine: details.commandLine, executable: details.executable, user: details.user, startTime: details.startTime }
  }
}
