import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Row } from '../../../src/shared/row'
import { printable } from '../../../src/shared/printable'
import { runCliInProcess, startCliInProcess, waitForLine } from '../../helpers/cli'

/** 15 bytes, the most a Linux process name (comm) holds: clear the screen, turn red, and fake a second line. */
const HOSTILE_NAME = '\u001b[2J\u001b[31mX\nfake'
const ESCAPED_NAME = '\\x1b[2J\\x1b[31mX\\nfake'

// In-process against a real hostile child; the EPIPE cases are in process.test.ts.
const dataDir = mkdtempSync(join(tmpdir(), 'portolan-cli-escape-'))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))
const env = { PORTOLAN_DATA_DIR: dataDir }
const cli = (...args: string[]) => runCliInProcess(args, { env })

describe('printable', () => {
  it('writes out C0, DEL, C1 and bidi controls, and nothing else', () => {
    expect(printable('a\u001b[0mb\r\n\t\u0000\u007f\u0085\u009b')).toBe('a\\x1b[0mb\\r\\n\\t\\x00\\x7f\\x85\\x9b')
    expect(printable('evil\u202ecod.exe \u2066x\u2069 \u200f \u2028')).toBe('evil\\u202ecod.exe \\u2066x\\u2069 \\u200f \\u2028')
    expect(printable('café 東京 🚀 C:\\Users\\me (1234)')).toBe('café 東京 🚀 C:\\Users\\me (1234)')
  })
})

describe.skipIf(process.platform !== 'linux')('a listener whose process name carries escape sequences and a newline', () => {
  let child: ChildProcess
  let port: number
  beforeAll(async () => {
    const script = `process.title = ${JSON.stringify(HOSTILE_NAME)}
const server = require('net').createServer()
server.listen(0, '127.0.0.1', () => console.log(server.address().port))`
    child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] })
    const [line] = await new Promise<string[]>((resolve) => createInterface({ input: child.stdout! }).once('line', (l) => resolve([l])))
    port = Number(line)
  })
  afterAll(() => {
    child.kill('SIGKILL')
  })

  it('list prints it escaped, on its own single line', async () => {
    const { code, stdout } = await cli('list')
    expect(code).toBe(0)
    expect(stdout).not.toContain('\u001b')
    const lines = stdout.trimEnd().split('\n')
    const ours = lines.filter((l) => new RegExp(`^tcp\\s+127\\.0\\.0\\.1\\s+${port}\\s`).test(l))
    expect(ours).toEqual([expect.stringContaining(`${ESCAPED_NAME} (${child.pid})`)])
    expect(lines.some((l) => l.startsWith('fake'))).toBe(false)
  })

  it('list --json and --csv keep the name exact', async () => {
    const json = await cli('list', '--json')
    const row = (JSON.parse(json.stdout) as Row[]).find((r) => r.port === port && r.pid === child.pid)
    expect(row?.process).toBe(HOSTILE_NAME)
    const csv = await cli('list', '--csv')
    const records = parse<Record<string, string>>(csv.stdout, { columns: true })
    const record = records.find((r) => Number(r.port) === port && Number(r.pid) === child.pid)
    expect(record?.process).toBe(HOSTILE_NAME)
  })

  it('story prints it escaped in text and markdown, exact in --json', async () => {
    for (const format of [[], ['--markdown']]) {
      const { code, stdout } = await cli('story', `${port}/tcp`, ...format)
      expect(code).toBe(0)
      expect(stdout).not.toContain('\u001b')
      expect(stdout).toContain('\\x1b[2J\\x1b[31mX')
    }
    const json = await cli('story', `${port}/tcp`, '--json')
    expect(json.stdout).toContain(JSON.stringify(HOSTILE_NAME).slice(1, -1))
  })

  it('watch prints it escaped', { timeout: 90_000 }, async () => {
    const stop = new AbortController()
    const watch = startCliInProcess(['watch'], { env, signal: stop.signal })
    try {
      const line = await waitForLine(watch.stdout, (l) => l.includes(`:${port} `), 80_000)
      // watch lines start with the time they were seen (HH:MM:SS).
      expect(line.slice(9)).toBe(`+ tcp 127.0.0.1:${port} LISTEN loopback  ${ESCAPED_NAME} (${child.pid})`)
      expect(line.slice(0, 9)).toMatch(/^\d\d:\d\d:\d\d $/)
    } finally {
      stop.abort()
      await watch.exit
    }
  })
})
