import { PortolanCore } from '../../main/core/portolan'
import { formatTable, sortRows } from '../format-table'
import { parseOptions } from '../usage'
import type { CliIo } from '../io'

export async function listCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseOptions(args, { json: { type: 'boolean' }, all: { type: 'boolean' } })
  const core = new PortolanCore({ includeConnections: values.all === true })
  try {
    await core.poller.pollNow()
    const { error } = core.poller.status
    if (error) {
      io.err(`portolan: ${error}`)
      return 1
    }
    const rows = sortRows(core.poller.rows())
    io.out(values.json ? JSON.stringify(rows, null, 2) : formatTable(rows))
    const hidden = core.poller.status.hiddenOwners
    if (!values.json && hidden > 0) {
      io.err(`${hidden} socket(s) belong to other users; their owners are hidden without root (try sudo).`)
    }
    return 0
  } finally {
    await core.close()
  }
}
