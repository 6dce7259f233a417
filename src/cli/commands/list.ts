import { join } from 'node:path'
import { collectOnce } from '../../main/core/one-shot'
import { exportRows } from '../../shared/export'
import { formatTable, sortRows } from '../format-table'
import { rowSelector } from '../row-selection'
import { parseOptions, UsageError } from '../usage'
import { dockerFor } from '../containers'
import type { CommandIo } from '../io'

export async function listCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseOptions(
    args,
    { json: { type: 'boolean' }, csv: { type: 'boolean' }, all: { type: 'boolean' }, port: { type: 'string' }, proc: { type: 'string' } },
    true,
  )
  if (values.json && values.csv) throw new UsageError('choose one of --json and --csv')
  if (positionals.length > 1) throw new UsageError(`list takes at most one port, not ${positionals.length} (e.g. portolan list 3000)`)
  const selected = rowSelector({ positional: positionals[0], port: values.port as string | undefined, proc: values.proc as string | undefined })
  const { rows: collected, status, error, registryWarning } = await collectOnce({
    includeConnections: values.all === true,
    dataDir: io.dataDir,
    containers: dockerFor(io.env),
    // Beside the bundled CLI (out/cli); absent when run from source, where the full registry is read.
    compiledLookupFile: join(__dirname, 'port-names.json'),
  })
  if (registryWarning) io.err(`portolan: ${registryWarning}`)
  if (error) {
    io.err(`portolan: ${error}`)
    return 1
  }
  const rows = sortRows(collected.filter(selected))
  if (values.json) io.out(exportRows(rows, 'json').trimEnd())
  else if (values.csv) io.out(exportRows(rows, 'csv').trimEnd())
  else io.out(formatTable(rows))
  if (!values.json && !values.csv && status.hiddenOwners > 0) {
    io.err(`${status.hiddenOwners} socket(s) belong to other users; their owners are hidden without root (sudo portolan list shows them).`)
  }
  return 0
}
