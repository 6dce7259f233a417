import { PortolanCore } from '../../main/core/portolan'
import { exportRows } from '../../shared/export'
import { formatTable, sortRows } from '../format-table'
import { parseOptions, UsageError } from '../usage'
import { reportNotices, type CliIo } from '../io'

export async function listCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseOptions(args, { json: { type: 'boolean' }, csv: { type: 'boolean' }, all: { type: 'boolean' } })
  if (values.json && values.csv) throw new UsageError('choose one of --json and --csv')
  const core = new PortolanCore({ includeConnections: values.all === true })
  reportNotices(core, io)
  try {
    await core.poller.pollNow()
    const { error } = core.poller.status
    if (error) {
      io.err(`portolan: ${error}`)
      return 1
    }
    const rows = sortRows(core.poller.rows())
    if (values.json) io.out(exportRows(rows, 'json').trimEnd())
    else if (values.csv) io.out(exportRows(rows, 'csv').trimEnd())
    else io.out(formatTable(rows))
    const hidden = core.poller.status.hiddenOwners
    if (!values.json && !values.csv && hidden > 0) {
      io.err(`${hidden} socket(s) belong to other users; their owners are hidden without root (try sudo).`)
    }
    return 0
  } finally {
    await core.close()
  }
}
