import { dataDir } from '../main/storage/data-dir'
import { errorText } from '../shared/error-text'
import { InputError, oneLine } from '../shared/validate'
import { commandIo, type CliIo, type CommandIo } from './io'
import { USAGE, UsageError } from './usage'

export type Command = (args: string[], io: CommandIo) => Promise<number>

// Each command is loaded when it runs: a quick `list` never initialises the story or the long-running monitor.
const commands: Record<string, () => Promise<Command>> = {
  list: async () => (await import('./commands/list')).listCommand,
  watch: async () => (await import('./commands/watch')).watchCommand,
  story: async () => (await import('./commands/story')).storyCommand,
  registry: async () => (await import('./commands/registry')).registryCommand,
  helper: async () => (await import('./commands/helper')).helperCommand,
  kill: async () => (await import('./commands/kill')).killCommand,
}

/**
 * `portolan <argv>` with the given surroundings, in this process: returns the exit code and never throws
 * (usage errors exit 2 with one line on stderr, anything unexpected exits 1 the same way).
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const lines = commandIo(io, dataDir(io.env), io.signal ?? new AbortController().signal)
  const [name, ...rest] = argv
  if (name === 'help' || name === '--help' || name === '-h') {
    lines.out(USAGE)
    return 0
  }
  const command = name !== undefined && Object.hasOwn(commands, name) ? commands[name] : undefined
  try {
    if (name === undefined) throw new UsageError(`missing command (one of: ${Object.keys(commands).join(', ')}; --help for usage)`)
    if (!command) throw new UsageError(`unknown command ${JSON.stringify(name)} (try: ${Object.keys(commands).join(', ')})`)
    return await (await command())(rest, lines)
  } catch (error) {
    lines.err(`portolan: ${error instanceof InputError ? oneLine(error.message) : errorText(error)}`)
    return error instanceof InputError ? 2 : 1
  }
}
