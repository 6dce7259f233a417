import type { Row } from '../../shared/row'
import { composeWatch } from '../../main/core/compose'
import { endpoint } from '../../shared/endpoint'
import { printable } from '../../shared/printable'
import { exposureText, ownerText, sortRows } from '../format-table'
import { parseOptions } from '../usage'
import { dockerFor } from '../containers'
import { reportNotices, type CommandIo } from '../io'

export function describeRow(sign: '+' | '-' | '~', row: Row): string {
  const service = row.service ? ` ${row.service}` : ''
  const remote = row.remotePort === null ? '' : ` -> ${endpoint(row.remoteAddress ?? '?', row.remotePort)}`
  return printable(`${sign} ${row.protocol}${row.family === 6 ? '6' : ''} ${endpoint(row.address, row.port)}${service}${remote} ${row.state} ${exposureText(row)}  ${ownerText(row)}`)
}

/** HH:MM:SS in local time: when the change was seen. */
export function timestamp(at: Date): string {
  const two = (n: number) => String(n).padStart(2, '0')
  return `${two(at.getHours())}:${two(at.getMinutes())}:${two(at.getSeconds())}`
}

/** Prints listeners as they come and go until the run is aborted (Ctrl-C in the CLI). */
export async function watchCommand(args: string[], io: CommandIo): Promise<number> {
  const { values } = parseOptions(args, { json: { type: 'boolean' }, all: { type: 'boolean' } })
  const core = composeWatch({ includeConnections: values.all === true, dataDir: io.dataDir, containers: dockerFor(io.env) })
  reportNotices(core, io)
  const known = new Map<string, Row>()
  let lastError: string | null = null
  core.monitor.onDelta((delta) => {
    if (values.json) {
      io.out(JSON.stringify(delta))
    } else {
      const at = timestamp(new Date())
      for (const row of sortRows(delta.added)) io.out(`${at} ${describeRow('+', row)}`)
      for (const row of sortRows(delta.changed)) io.out(`${at} ${describeRow('~', row)}`)
      // The whole row as it was last seen, so a removal reads like the line that announced it.
      for (const row of sortRows(delta.removed.map((id) => known.get(id)).filter((row) => row !== undefined))) io.out(`${at} ${describeRow('-', row)}`)
    }
    for (const id of delta.removed) known.delete(id)
    for (const row of [...delta.added, ...delta.changed]) known.set(row.id, row)
  })
  core.monitor.onStatus((status) => {
    if (status.error !== lastError) {
      io.err(status.error ? `portolan: ${status.error} (retrying)` : 'portolan: monitoring recovered')
      lastError = status.error
    }
  })
  core.monitor.start()
  const { stop } = io
  await new Promise<void>((resolve) => {
    if (stop.aborted) resolve()
    else stop.addEventListener('abort', () => resolve(), { once: true })
  })
  await core.close()
  return 0
}
