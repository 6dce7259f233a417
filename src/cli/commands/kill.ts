import { ProcessStopper } from '../../main/core/stop-process'
import { Poller } from '../../main/monitor/poller'
import { selectCollector } from '../../main/monitor/select-collector'
import { NO_PORT_INFO } from '../../main/registry/lookup'
import { commandLineText } from '../../shared/command-line'
import { endpoint } from '../../shared/endpoint'
import type { Row } from '../../shared/row'
import type { StopOutcome } from '../../shared/stop'
import { parsePortSpec } from '../../shared/validate'
import type { CliIo } from '../io'
import { parseOptions, UsageError } from '../usage'

/** Exit codes scripts can tell apart. */
export const KILL_EXIT = { freed: 0, notFreed: 1, usage: 2, nothingListening: 3, declined: 4 } as const

const FREED: ReadonlySet<StopOutcome['result']> = new Set(['freed', 'gone-already'])

/**
 * `portolan kill <port>[/proto]`: the app's verified stop (core/stop-process.ts) from the command line.
 * Describes who holds the port, asks unless --yes, signals, re-scans, and says freed / still running /
 * taken again. Exit 0 only when every stopped process's ports are free.
 */
export async function killCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(args, { yes: { type: 'boolean', short: 'y' }, force: { type: 'boolean' } }, true)
  const [portSpec] = positionals
  if (positionals.length !== 1 || portSpec === undefined) throw new UsageError('kill takes one port, like portolan kill 3000 or portolan kill 53/udp')
  const { port, protocol } = parsePortSpec(portSpec)
  const spec = `${port}${protocol ? `/${protocol}` : ''}`

  const poller = new Poller({ collector: selectCollector().collector, registry: { lookup: () => NO_PORT_INFO }, privileged: process.getuid?.() === 0 })
  try {
    await poller.pollNow()
    if (poller.status.error) {
      io.err(`portolan: ${poller.status.error}`)
      return KILL_EXIT.notFreed
    }
    const held = poller.rows().filter((row) => row.port === port && row.remotePort === null && (protocol === null || row.protocol === protocol))
    if (held.length === 0) {
      io.err(`portolan: nothing listens on port ${spec}`)
      return KILL_EXIT.nothingListening
    }
    const stopper = new ProcessStopper(poller)
    // One row per process: the stopper pins each by pid and start time when it describes it.
    const byPid = new Map<number, Row>()
    const refused: string[] = []
    for (const row of held) {
      if (row.pid !== null && !byPid.has(row.pid)) byPid.set(row.pid, row)
    }
    const targets = [...byPid.values()]
    const described = targets.map((row) => ({ row, answer: stopper.describe(row.id) }))
    for (const { answer } of described) if (!answer.ok) refused.push(answer.message)
    for (const row of held) if (row.pid === null) refused.push(`${row.protocol} ${endpoint(row.address, row.port)}: ${row.ownerHidden ? "its owner is another user's and hidden (try sudo)" : 'no process holds it'}`)
    const stoppable = described.filter((d) => d.answer.ok)
    for (const message of refused) io.err(`portolan: ${message}`)
    if (stoppable.length === 0) return KILL_EXIT.notFreed

    for (const { answer } of stoppable) {
      if (!answer.ok) continue
      const { target } = answer
      io.out(`${target.name ?? 'process'} (pid ${target.pid}${target.user ? `, ${target.user}` : ''}) on ${target.ports.map((p) => `${p.protocol} ${endpoint(p.address, p.port)}`).join(', ')}`)
      if (target.commandLine) io.out(`  ${commandLineText(target.commandLine)}`)
    }
    if (!values.yes) {
      if (!io.ask) throw new UsageError('nobody can confirm here: add --yes to stop without asking')
      const answer = await io.ask(`Stop ${stoppable.length === 1 ? 'this process' : `these ${stoppable.length} processes`}${values.force ? ' with SIGKILL' : ''}? [y/N] `)
      if (!/^y(es)?$/i.test(answer)) {
        io.err('portolan: not stopped')
        return KILL_EXIT.declined
      }
    }
    let allFreed = refused.length === 0
    for (const { row } of stoppable) {
      const outcome = await stopper.stop(row.id, { force: values.force === true })
      io.out(outcome.message)
      if (!FREED.has(outcome.result)) allFreed = false
    }
    return allFreed ? KILL_EXIT.freed : KILL_EXIT.notFreed
  } finally {
    await poller.close()
  }
}
