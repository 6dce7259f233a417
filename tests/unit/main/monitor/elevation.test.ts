import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  elevationPlan,
  electronHelperProgram,
  HelperRendezvous,
  nodeHelperProgram,
  promptEndedMessage,
  shellQuote,
  startElevatedHelper,
  windowsQuote,
  type HelperProgram,
} from '../../../../src/main/monitor/elevation'
import type { HelperCollector } from '../../../../src/main/monitor/helper-collector'
import { listenTcp, type OpenSocket } from '../../../helpers/sockets'

const ROOT_DIR = resolve(__dirname, '../../../..')
const asRoot = process.platform === 'linux' && process.getuid?.() === 0
const TSX = pathToFileURL(require.resolve('tsx')).href
/** The CLI from source, so a stale out/ can never stand in for the code under test. */
const SOURCE_HELPER: HelperProgram = { command: process.execPath, args: ['--import', TSX, join(ROOT_DIR, 'src/cli/index.ts'), 'helper'] }
const collectOnce = (helper: HelperCollector) => helper.collect({ includeConnections: false, signal: new AbortController().signal })

const scratch = mkdtempSync(join(tmpdir(), 'portolan-elevation-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))
const helpers: HelperCollector[] = []
const children: ChildProcess[] = []
afterEach(() => {
  for (const helper of helpers.splice(0)) helper.close()
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL')
})

/** A PATH holding only a stand-in `pkexec` with this shell body. */
function fakePkexec(name: string, body: string): NodeJS.ProcessEnv {
  const dir = join(scratch, name)
  mkdirSync(dir)
  writeFileSync(join(dir, 'pkexec'), `#!/bin/sh\n${body}\n`, { mode: 0o755 })
  return { PATH: dir }
}

describe('what each platform is asked to run', () => {
  const argv = ['/Applications/Port "o" lan\'s/x', '--portolan-helper', '--connect', '127.0.0.1:5000']

  it('Linux: pkexec when it is on PATH, the program and its arguments as they are', () => {
    const env = fakePkexec('plan', 'exit 0')
    expect(elevationPlan(argv, 'linux', env)).toEqual({ kind: 'prompt', tool: 'pkexec', command: join(env.PATH!, 'pkexec'), args: argv })
  })

  it('Linux without pkexec: says so and gives the sudo command to run', () => {
    const plan = elevationPlan(argv, 'linux', { PATH: join(scratch, 'nowhere') })
    expect(plan).toEqual({
      kind: 'manual',
      reason: 'No password prompt (pkexec, from polkit) is installed here.',
      argv,
      commandLine: `sudo '/Applications/Port "o" lan'\\''s/x' --portolan-helper --connect 127.0.0.1:5000`,
    })
  })

  it('refuses an empty command on every platform rather than prompting to run nothing', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) expect(() => elevationPlan([], platform)).toThrow(/argv is empty/)
  })

  it('macOS: osascript\'s administrator prompt around the shell-quoted command', () => {
    const plan = elevationPlan(argv, 'darwin')
    expect(plan).toMatchObject({ kind: 'prompt', tool: 'osascript', command: '/usr/bin/osascript' })
    expect(plan.kind === 'prompt' && plan.args).toEqual([
      '-e',
      `do shell script "'/Applications/Port \\"o\\" lan'\\\\''s/x' --portolan-helper --connect 127.0.0.1:5000" with prompt "Portolan needs administrator rights to show which process holds every socket." with administrator privileges`,
    ])
  })

  it('Windows: UAC through Start-Process -Verb RunAs, each argument quoted for the command line', () => {
    const plan = elevationPlan(['C:\\Program Files\\Portolan\\Portolan.exe', '--portolan-helper', '--token-file', 'C:\\Users\\Jo O\'Neil\\tok'], 'win32')
    expect(plan).toMatchObject({ kind: 'prompt', tool: 'powershell', command: 'powershell.exe' })
    const script = plan.kind === 'prompt' ? plan.args[3] : ''
    expect(script).toContain(`Start-Process -FilePath 'C:\\Program Files\\Portolan\\Portolan.exe' -ArgumentList '--portolan-helper --token-file "C:\\Users\\Jo O''Neil\\tok"' -Verb RunAs`)
  })

  it.each([
    ['plain', 'plain'],
    ['two words', '"two words"'],
    ['say "hi"', '"say \\"hi\\""'],
    ['C:\\dir with space\\', '"C:\\dir with space\\\\"'],
    ['a\\\\"b c', '"a\\\\\\\\\\"b c"'],
    ['', '""'],
  ])('Windows quoting of %j', (arg, quoted) => {
    expect(windowsQuote(arg)).toBe(quoted)
  })

  it.skipIf(process.platform === 'win32')('shell quoting survives a real shell', () => {
    const args = ['/path with space/node', "it's", '"quoted"', '$HOME', '`id`', 'a\\b', '--x=1']
    const out = execFileSync('/bin/sh', ['-c', `printf '%s\\0' ${shellQuote(args)}`], { encoding: 'utf8' })
    expect(out.split('\0').slice(0, -1)).toEqual(args)
  })

  it('the app\'s executable as the helper: headless switches on Linux only', () => {
    expect(electronHelperProgram('/opt/Portolan/portolan', [], 'linux')).toEqual({
      command: '/opt/Portolan/portolan', args: ['--no-sandbox', '--ozone-platform=headless', '--disable-gpu', '--portolan-helper'],
    })
    expect(electronHelperProgram('/x/electron', ['/repo'], 'darwin')).toEqual({ command: '/x/electron', args: ['/repo', '--portolan-helper'] })
  })

  it('the CLI under Node as the helper: the bundle when built, else the source through tsx', () => {
    const built = join(scratch, 'built')
    mkdirSync(join(built, 'out', 'cli'), { recursive: true })
    writeFileSync(join(built, 'package.json'), '{}')
    writeFileSync(join(built, 'out', 'cli', 'index.js'), '')
    expect(nodeHelperProgram(join(built, 'out', 'main'), '/usr/bin/node')).toEqual({ command: '/usr/bin/node', args: [join(built, 'out', 'cli', 'index.js'), 'helper'] })
    const source = nodeHelperProgram(join(ROOT_DIR, 'src', 'main', 'monitor'), '/usr/bin/node')
    if (!existsSync(join(ROOT_DIR, 'out', 'cli', 'index.js'))) expect(source).toEqual({ command: '/usr/bin/node', args: ['--import', TSX, join(ROOT_DIR, 'src', 'cli', 'index.ts'), 'helper'] })
  })

  it.each([
    ['pkexec', 126, '', 'The password prompt was dismissed; owners stay hidden.'],
    ['pkexec', 127, 'Error executing command as another user: Not authorized\n', 'Not authorized (Error executing command as another user: Not authorized); owners stay hidden.'],
    ['osascript', 1, '0:120: execution error: User canceled. (-128)\n', 'The password prompt was cancelled; owners stay hidden.'],
    ['powershell', 1, 'This operation was canceled by the user.\n', 'The administrator prompt was cancelled; owners stay hidden.'],
    ['pkexec', 2, 'portolan helper: cannot read the token file /tmp/x: EACCES\n', 'The elevated helper ended before it connected (exit code 2: portolan helper: cannot read the token file /tmp/x: EACCES).'],
  ])('a %s that ends with %i says so', (tool, code, stderr, message) => {
    expect(promptEndedMessage(tool, code, stderr)).toBe(message)
  })
})

describe('a prompt that ends before any helper connects', () => {
  // A private temp dir, so the check for leftover token files sees only these runs'.
  const privateTmp = join(scratch, 'tmp')
  const savedTmp = process.env.TMPDIR
  beforeAll(() => {
    mkdirSync(privateTmp)
    process.env.TMPDIR = privateTmp
  })
  afterAll(() => {
    if (savedTmp === undefined) delete process.env.TMPDIR
    else process.env.TMPDIR = savedTmp
  })

  it.each([
    ['dismissed (pkexec exit 126)', 'exit 126', 'The password prompt was dismissed; owners stay hidden.'],
    ['not authorized (pkexec exit 127)', 'echo "Error executing command as another user: Not authorized" >&2; exit 127', 'Not authorized (Error executing command as another user: Not authorized); owners stay hidden.'],
    ['the helper failing at once', 'echo "portolan helper: something broke" >&2; exit 1', 'The elevated helper ended before it connected (exit code 1: portolan helper: something broke).'],
  ])('%s: a one-sentence failure, and the token file is gone', async (name, body, message) => {
    const outcome = await startElevatedHelper({ program: SOURCE_HELPER, platform: 'linux', env: fakePkexec(name.replace(/\W+/g, '-'), body) })
    expect(outcome).toEqual({ kind: 'failed', message })
    expect(readdirSync(privateTmp)).toEqual([])
  })
})

describe.skipIf(!asRoot)('the real helper, connecting back', () => {
  let server: OpenSocket
  beforeAll(async () => {
    server = await listenTcp('127.0.0.1')
  })
  afterAll(() => server.close())

  it('through a prompt that runs what it is given (pkexec as root does): started, with this listener\'s pid', async () => {
    const outcome = await startElevatedHelper({ program: SOURCE_HELPER, platform: 'linux', env: fakePkexec('passthrough', 'exec "$@"') })
    expect(outcome.kind).toBe('started')
    if (outcome.kind !== 'started') return
    helpers.push(outcome.helper)
    expect(outcome.helper.privileged).toBe(true)
    expect((await collectOnce(outcome.helper)).find((r) => r.port === server.port)).toMatchObject({ pid: process.pid })
  })

  it('without a prompt tool: the shown command, run in a terminal, brings the helper in', async () => {
    const outcome = await startElevatedHelper({ program: SOURCE_HELPER, platform: 'linux', env: { PATH: join(scratch, 'nowhere') } })
    expect(outcome.kind).toBe('manual')
    if (outcome.kind !== 'manual') return
    expect(outcome.message).toBe('No password prompt (pkexec, from polkit) is installed here. To show all owners, run this in a terminal:')
    expect(outcome.commandLine.startsWith('sudo ')).toBe(true)
    // This test is root already: run what follows `sudo`, exactly as shown.
    const child = spawn('/bin/sh', ['-c', `exec ${outcome.commandLine.slice('sudo '.length)}`], { stdio: 'inherit' })
    children.push(child)
    const helper = await outcome.helper
    helpers.push(helper)
    expect((await collectOnce(helper)).find((r) => r.port === server.port)).toMatchObject({ pid: process.pid })
  })

  it('the rendezvous drops a connection with the wrong token and takes the helper that has it', async () => {
    const rendezvous = await HelperRendezvous.open()
    try {
      expect(statSync(rendezvous.tokenFile).mode & 0o777).toBe(0o600)
      const accepted = rendezvous.accept(new AbortController().signal)
      const port = Number(rendezvous.helperArgs[1]?.split(':')[1])
      const impostor = connect({ host: '127.0.0.1', port })
      impostor.write(`${JSON.stringify({ v: 1, kind: 'hello', token: 'ab'.repeat(32), collector: 'fake', privileged: true, pid: 1 })}\n`)
      const impostorClosed = new Promise((done) => impostor.once('close', done))
      impostor.on('error', () => undefined)
      await impostorClosed
      const child = spawn(SOURCE_HELPER.command, [...SOURCE_HELPER.args, ...rendezvous.helperArgs], { stdio: 'inherit' })
      children.push(child)
      const helper = await accepted
      helpers.push(helper)
      expect(helper.privileged).toBe(true)
      expect(existsSync(rendezvous.tokenFile)).toBe(false)
    } finally {
      rendezvous.close()
    }
  })

  it('a helper that runs without root is refused, since it would show no more', async () => {
    const fake = join(scratch, 'unprivileged.js')
    writeFileSync(fake, `
      const args = process.argv.slice(2); const at = (name) => args[args.indexOf(name) + 1]
      const token = require('fs').readFileSync(at('--token-file'), 'utf8').trim()
      const [host, port] = at('--connect').split(':')
      const socket = require('net').connect({ host, port: Number(port) }, () => socket.write(JSON.stringify({ v: 1, kind: 'hello', token, collector: 'fake', privileged: false, pid: process.pid }) + '\\n'))
      socket.on('close', () => process.exit(0)); socket.on('error', () => process.exit(0))`)
    chmodSync(fake, 0o644)
    const outcome = await startElevatedHelper({ program: { command: process.execPath, args: [fake] }, platform: 'linux', env: fakePkexec('unprivileged', 'exec "$@"') })
    expect(outcome).toEqual({ kind: 'failed', message: 'The helper ran without administrator rights, so it cannot show more owners.' })
  })
})
