import { errorText } from '../shared/error-text'
import { InputError, oneLine } from '../shared/validate'
import { markStdoutClosed, processIo, type CliIo } from './io'
import { USAGE, UsageError } from './usage'

export type Command = (args: string[], io: CliIo, stop: AbortSignal) => Promise<number>

// Each command is loaded when it runs: a quick `list` never initialises the story or the long-running monitor.
const commands: Record<string, () => Promise<Command>> = {
  list: async () => (await import('./commands/list')).listCommand,
  watch: async () => (await import('./commands/watch')).watchCommand,
  story: async () => (await import('./commands/story')).storyCommand,
  registry: async () => (await import('./commands/registry')).registryCommand,
  helper: async () => (await import('./commands/helper')).helperCommand,
  kill: async () => (await import('./commands/kill')).killCommand,
}

export async function runCli(argv: string[], io: CliIo, stop: AbortSignal): Promise<number> {
  const [name, ...rest] = argv
  if (name === 'help' || name === '--help' || name === '-h') {
    io.out(USAGE)
    return 0
  }
  const command = name !== undefined && Object.hasOwn(commands, name) ? commands[name] : undefined
  try {
    if (name === undefined) throw new UsageError(`missing command (one of: ${Object.keys(commands).join(', ')}; --help for usage)`)
    if (!command) throw new UsageError(`unknown command ${JSON.stringify(name)} (try: ${Object.keys(commands).join(', ')})`)
    return await (await command())(rest, io, stop)
  } catch (error) {
    if (error instanceof InputError) {
      io.err(`portolan: ${oneLine(error.message)}`)
      return 2
    }
    throw error
  }
}

export async function main(): Promise<void> {
  const stop = new AbortController()
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stop.abort())
  // `portolan list | head -1`: the reader left. Not an error of ours: stop writing and wind down quietly.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error
    markStdoutClosed()
    stop.abort()
  })
  try {
    process.exitCode = await runCli(process.argv.slice(2), processIo, stop.signal)
  } catch (error) {
    processIo.err(`portolan: ${errorText(error)}`)
    process.exitCode = 1
  }
}

