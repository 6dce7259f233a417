import { printable } from '../shared/printable'

/** Where the CLI's text goes: process.stdout or process.stderr, or a test's collector. */
export interface TextSink {
  write(text: string): unknown
}

/**
 * Everything a run of the CLI takes from its surroundings. index.ts passes the process's own; a test
 * passes its collectors, its environment (PORTOLAN_DATA_DIR) and its own abort, and runs the CLI in-process.
 */
export interface CliIo {
  readonly stdout: TextSink
  readonly stderr: TextSink
  /** One line of input ('' at its end), for a confirmation; absent where nobody can answer. */
  readonly readLine?: () => Promise<string>
  /** Read for PORTOLAN_DATA_DIR (and where the data directory is by default) and DOCKER_HOST. */
  readonly env: NodeJS.ProcessEnv
  /** What a relative file name (registry update --from) is relative to. */
  readonly cwd: string
  /** Ctrl-C: `watch` ends and a registry download is cancelled; the other commands finish first. */
  readonly signal?: AbortSignal
}

/** What a command writes to and reads from: lines, and the inputs of this run. */
export interface CommandIo {
  /** Output for stdout: exact for --json and --csv, so human-readable text escapes its own cells. */
  out(text: string): void
  /** One line for stderr, escaped (error lines quote process names and file or HTTP content). */
  err(text: string): void
  /** Asks on stderr and reads one line of input (a confirmation); absent where nobody can answer. */
  ask?(question: string): Promise<string>
  readonly env: NodeJS.ProcessEnv
  readonly cwd: string
  /** The user's files: PORTOLAN_DATA_DIR, or the folder the app uses. */
  readonly dataDir: string
  readonly stop: AbortSignal
}

/** Problems met loading the user's files (a corrupt settings.json moved aside, ...), one line each. */
export function reportNotices(source: { notices(): string[] }, io: CommandIo): void {
  for (const notice of source.notices()) io.err(`portolan: ${notice}`)
}

/** A command's line writers over the run's sinks: stdout lines go out exact, stderr lines escaped. */
export function commandIo(io: CliIo, dataDir: string, stop: AbortSignal): CommandIo {
  const { readLine } = io
  return {
    out: (text) => void io.stdout.write(`${text}\n`),
    err: (text) => void io.stderr.write(`${printable(text)}\n`),
    ...(readLine
      ? {
          ask: (question: string) => {
            io.stderr.write(question)
            return readLine()
          },
        }
      : {}),
    env: io.env,
    cwd: io.cwd,
    dataDir,
    stop,
  }
}
