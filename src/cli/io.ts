import { printable } from '../shared/printable'

export interface CliIo {
  /** Output for stdout: exact for --json and --csv, so human-readable text escapes its own cells. */
  out(text: string): void
  /** One line for stderr. */
  err(text: string): void
  /** Asks on stderr and reads one line of stdin (a confirmation); absent where nobody can answer. */
  ask?(question: string): Promise<string>
}

/** One line from stdin after the question (on stderr, so stdout stays the command's output); '' at end of input. */
function askOnStdin(question: string): Promise<string> {
  return new Promise((resolve) => {
    process.stderr.write(question)
    let text = ''
    const finish = () => {
      process.stdin.off('data', onData)
      process.stdin.off('end', finish)
      process.stdin.pause()
      const [line = ''] = text.split('\n')
      resolve(line.trim())
    }
    const onData = (chunk: Buffer) => {
      text += chunk.toString('utf8')
      if (text.includes('\n')) finish()
    }
    process.stdin.on('data', onData)
    process.stdin.once('end', finish)
    process.stdin.resume()
  })
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
  ask: askOnStdin,
}

/** Problems met loading the user's files (a corrupt settings.json moved aside, ...), one line each. */
export function reportNotices(source: { notices(): string[] }, io: CliIo): void {
  for (const notice of source.notices()) io.err(`portolan: ${notice}`)
}
