import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'
import { promisify } from 'node:util'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Row } from '../../../src/shared/row'
import { printable } from '../../../src/shared/printable'
import { runCliProcess } from '../../helpers/cli'

/** 15 bytes, the most a Linux process name (comm) holds: clear the screen, turn red, and fake a second line. */
const HOSTILE_NAME = '\u001b[2J\u001b[31mX\nfake'
const ESCAPED_NAME = '\\x1b[2J\\x1b[31mX\\nfake'

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
    const { code, stdout } = await runCliProcess(['list'])
    expect(code).toBe(0)
    expect(stdout).not.toContain('\u001b')
    const lines = stdout.trimEnd().split('\n')
    const ours = lines.filter((l) => new RegExp(`^tcp\\s+127\\.0\\.0\\.1\\s+${port}\\s`).test(l))
    expect(ours).toEqual([expect.stringContaining(`${ESCAPED_NAME} (${child.pid})`)])
    expect(lines.some((l) => l.startsWith('fake'))).toBe(false)
  })

  it('list --json and --csv keep the name exact', async () => {
    const json = await runCliProcess(['list', '--json'])
    const row = (JSON.parse(json.stdout) as Row[]).find((r) => r.port === port && r.pid === child.pid)
    expect(row?.process).toBe(HOSTILE_NAME)
    const csv = await runCliProcess(['list', '--csv'])
    const records = parse<Record<string, string>>(csv.stdout, { columns: true })
    const record = records.find((r) => Number(r.port) === port && Number(r.pid) === child.pid)
    expect(record?.process).toBe(HOSTILE_NAME)
  })

  it('story prints it escaped in text and markdown, exact in --json', async () => {
    for (const format of [[], ['--markdown']]) {
      const { code, stdout } = await runCliProcess(['story', `${port}/tcp`, ...format])
      expect(code).toBe(0)
      expect(stdout).not.toContain('\u001b')
      expect(stdout).toContain('\\x1b[2J\\x1b[31mX')
    }
    const json = await runCliProcess(['story', `${port}/tcp`, '--json'])
    expect(json.stdout).toContain(JSON.stringify(HOSTILE_NAME).slice(1, -1))
  })

  it('watch prints it escaped', { timeout: 90_000 }, async () => {
    const watch = spawn(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', 'watch'], { stdio: ['ignore', 'pipe', 'inherit'] })
    try {
      const line = await new Promise<string>((resolve, reject) => {
        const lines = createInterface({ input: watch.stdout })
        lines.on('line', (l) => {
          if (l.includes(`:${port} `)) resolve(l)
        })
        watch.once('exit', () => reject(new Error('watch exited before listing the port')))
      })
      // watch lines start with the time they were seen (HH:MM:SS).
      expect(line.slice(9)).toBe(`+ tcp 127.0.0.1:${port} LISTEN loopback  ${ESCAPED_NAME} (${child.pid})`)
      expect(line.slice(0, 9)).toMatch(/^\d\d:\d\d:\d\d $/)
    } finally {
      const exited = new Promise((resolve) => watch.once('exit', resolve))
      watch.kill('SIGINT')
      await exited
    }
  })
})

describe.skipIf(process.platform === 'win32')('a reader that goes away', () => {
  it('list | true: no EPIPE crash, exit 0', async () => {
    // `true` exits without reading, so every write of the CLI meets a closed pipe.
    const script = 'node --import tsx src/cli/main.ts list | true; echo "status=${PIPESTATUS[0]}" >&2'
    const { stderr } = await promisify(execFile)('bash', ['-c', script], { cwd: process.cwd() })
    expect(stderr).toBe('status=0\n')
  })

  it('watch | head -1 ends once head has its line', { timeout: 90_000 }, async () => {
    const script = 'node --import tsx src/cli/main.ts watch | head -1 >/dev/null; echo "status=${PIPESTATUS[0]}" >&2'
    const { stderr } = await promisify(execFile)('bash', ['-c', script], { cwd: process.cwd(), timeout: 80_000, killSignal: 'SIGKILL' })
    expect(stderr).toBe('status=0\n')
  })
})
