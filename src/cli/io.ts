import { printable } from '../shared/printable'

export interface CliIo {
  /** Output for stdout: exact for --json and --csv, so human-readable text escapes its own cells. */
  out(text: string): void
  /** One line for stderr. */
  err(text: string): void
}

let stdoutClosed = false

/** Set once stdout's reader went away (`portolan list | head -1`): nothing more is written there. */
export function markStdoutClosed(): void {
  stdoutClosed = true
}

export const processIo: CliIo = {
  out: (text) => {
    if (!stdoutClosed) process.stdout.write(`${text}\n`)
  },
  // Error lines quote process names and file or HTTP content: escaped here, once, for all of them.
  err: (text) => process.stderr.write(`${printable(text)}\n`),
}

/** Problems met loading the user's files (a corrupt settings.json moved aside, ...), one line each. */
export function reportNotices(source: { notices(): string[] }, io: CliIo): void {
  for (const notice of source.notices()) io.err(`portolan: ${notice}`)
}
