export interface CliIo {
  out(text: string): void
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
      resolve(text.split('\n')[0].trim())
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

export const processIo: CliIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  ask: askOnStdin,
}
