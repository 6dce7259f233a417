import type { CliIo, TextSink } from './io'

/** One line from stdin; '' at end of input. */
function readStdinLine(): Promise<string> {
  return new Promise((resolve) => {
    let text = ''
    const finish = () => {
      process.stdin.off('data', onData)
      process.stdin.off('end', finish)
      process.stdin.pause()
      resolve((text.split('\n')[0] ?? '').trim())
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

/**
 * The process's own surroundings for runCli: its stdout, stderr, stdin, environment and directory, with
 * Ctrl-C (SIGINT, SIGTERM) as the abort. `portolan list | head -1`: once the reader left, stdout takes no
 * more writes and the run is aborted, so that a long-running command winds down quietly.
 */
export function processIo(): CliIo {
  const stop = new AbortController()
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stop.abort())
  let stdoutClosed = false
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error
    stdoutClosed = true
    stop.abort()
  })
  const stdout: TextSink = { write: (text) => stdoutClosed || process.stdout.write(text) }
  return { stdout, stderr: process.stderr, readLine: readStdinLine, env: process.env, cwd: process.cwd(), signal: stop.signal }
}
