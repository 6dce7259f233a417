import { loadActiveRegistry } from '../../main/registry/store'
import { RegistryImportError } from '../../main/registry/import/errors'
import { updateRegistry } from '../../main/registry/update'
import type { CliIo } from '../io'
import { UsageError, parseOptions } from '../usage'

async function info(args: string[], io: CliIo): Promise<number> {
  const { values } = parseOptions(args, { json: { type: 'boolean' } })
  const active = loadActiveRegistry()
  if (active.warning) io.err(`portolan: ${active.warning}`)
  const facts = active.registry.info()
  io.out(values.json ? JSON.stringify(facts) : `${facts.description}\n${facts.records} records covering ${facts.ports} ports; curated uses for ${facts.curatedPorts} ports\n(${facts.source})`)
  return 0
}

async function update(args: string[], io: CliIo): Promise<number> {
  const { values } = parseOptions(args, { from: { type: 'string' } })
  const from = values.from
  if (typeof from !== 'string' || from.trim() === '') throw new UsageError('registry update needs --from <file|url>')
  const current = loadActiveRegistry().registry
  try {
    const facts = (await updateRegistry(from, { current })).info()
    io.out(`registry updated: ${facts.description}: ${facts.records} records covering ${facts.ports} ports`)
    return 0
  } catch (error) {
    if (!(error instanceof RegistryImportError)) throw error
    io.err(`portolan: registry not updated, still using ${current.info().description}: ${error.message}`)
    return 1
  }
}

const subcommands: Record<string, (args: string[], io: CliIo) => Promise<number>> = { info, update }

export async function registryCommand(args: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = args
  const sub = name !== undefined && Object.hasOwn(subcommands, name) ? subcommands[name] : undefined
  if (!sub) throw new UsageError(`registry needs a subcommand: ${Object.keys(subcommands).join(' or ')}`)
  return sub(rest, io)
}
