import { parseArgs } from 'node:util'
import { InputError } from '../shared/validate'

export const USAGE = `Usage: portolan <command> [options]

Commands:
  list [<port>[/tcp|/udp]] [--port N|A-B] [--proc NAME] [--json|--csv] [--all]
                                       listening sockets now (--all adds established connections)
  watch [--json] [--all]               print listeners as they come and go, timestamped
  kill <port>[/tcp|/udp] [--yes] [--force]
                                       stop what holds the port, then check it is free
                                       (exit 0 freed, 1 not freed, 3 nothing listening, 4 declined)
  story <port>[/tcp|/udp] [--json|--markdown]
                                       the story of a port
  registry info [--json]               which registry is in use
  registry update --from <file|url> [--force]
                                       import IANA's CSV or XML registry (https or a file;
                                       --force accepts one dated before the registry in use)
  helper [--connect 127.0.0.1:<port> --token-file <file>]
                                       run elevated: serve the app's "Show all owners" (JSON lines)`

export class UsageError extends InputError {
  override name = 'UsageError'
}

type OptionSpec = Record<string, { type: 'boolean' | 'string'; short?: string }>
export interface ParsedOptions {
  values: Record<string, string | boolean | undefined>
  positionals: string[]
}

/** node:util parseArgs with its errors turned into one-line usage errors. */
export function parseOptions(args: string[], options: OptionSpec, allowPositionals = false): ParsedOptions {
  try {
    const { values, positionals } = parseArgs({ args, options, strict: true, allowPositionals })
    return { values, positionals }
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0])
  }
}
