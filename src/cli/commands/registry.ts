import { loadActiveRegistry } from '../../main/registry/store'
import { RegistryImportCancelled, RegistryImportError, RegistryStoreError } from '../../main/registry/import/errors'
import { updateRegistry } from '../../main/registry/update'
import type { CliIo } from '../io'
import { UsageError, parseOptions } from '../usage'

/** What a shell reports for a command ended by Ctrl-C (128 + SIGINT). */
export const EXIT_CANCELLED = 130

function info(args: string[], io: CliIo): number {
  const { values } = parseOptions(args, { json: { type: 'boolean' } })
  const active = loadActiveRegistry()
  if (active.warning) io.err(`portolan: ${active.warning}`)
  const facts = active.registry.info()
  io.out(values.json ? JSON.stringify(facts) : `${facts.description}\n${facts.records} records covering ${facts.ports} ports; curated uses for ${facts.curatedPorts} ports\n(${facts.source})`)
  return 0
}

/** Bad input (the file or download) exits 2; a good file that could not be stored 1; Ctrl-C 130. */
function exitCodeFor(error: RegistryImportError): number {
  if (error instanceof RegistryImportCancelled) return EXIT_CANCELLED
  if (error instanceof RegistryStoreError) return 1
  return 2
}

async function update(args: string[], io: CliIo, stop: AbortSignal): Promise<number> {
  const { values } = parseOptions(args, { from: { type: 'string' }, force: { type: 'boolean' } })
  const from = values.from
  if (typeof from !== 'string' || from.trim() === '') throw new UsageError('registry update needs --from <file|url>')
  const active = loadActiveRegistry()
  if (active.warning) io.err(`portolan: ${active.warning}`)
  const current = active.registry
  try {
    const facts = (await updateRegistry(from, { current, force: values.force === true, signal: stop })).info()
    io.out(`registry updated: ${facts.description}: ${facts.records} records covering ${facts.ports} ports`)
    return 0
  } catch (error) {
    if (!(error instanceof RegistryImportError)) throw error
    io.err(`portolan: registry not updated, still using ${current.info().description}: ${error.message}`)
    return exitCodeFor(error)
  }
}

const subcommands: Record<string, (args: string[], io: CliIo, stop: AbortSignal) => number | Promise<number>> = { info, update }

export async function registryCommand(args: string[], io: CliIo, stop: AbortSignal): Promise<number> {
  const [name, ...rest] = args
  const sub = name !== undefined && Object.hasOwn(subcommands, name) ? subcommands[name] : undefined
  if (!sub) throw new UsageError(`registry needs a subcommand: ${Object.keys(subcommands).join(' or ')}`)
  return sub(rest, io, stop)
}
