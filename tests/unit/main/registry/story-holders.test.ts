import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, assert, beforeAll, describe, expect, it } from 'vitest'
import { composeApp, type PortolanApp } from '../../../../src/main/core/compose'
import { recognizeHolder } from '../../../../src/main/registry/story/holder'

// The holder is told from the process itself: name and command line, not the port number.
describe('recognising software from its command line', () => {
  const is = (process: string, commandLine: string[] | null, container: { name: string; image: string } | null = null) =>
    recognizeHolder({ process, commandLine, executable: null, container })?.software ?? null

  it.each([
    ['python3', ['python3', '-m', 'http.server', '8123'], "Python's built-in HTTP server"],
    ['python3.12', ['/usr/bin/python3.12', '-m', 'http.server'], "Python's built-in HTTP server"],
    ['node', ['node', '/home/u/app/node_modules/.bin/vite', '--port', '4000'], 'Vite dev server'],
    ['node', ['node', '/home/u/app/node_modules/vite/bin/vite.js'], 'Vite dev server'],
    ['next-server (v15.1.0)', ['next-server (v15.1.0)'], 'Next.js (next dev)'],
    ['node', ['node', '/app/node_modules/.bin/next', 'dev'], 'Next.js (next dev)'],
    ['jupyter-lab', ['/usr/bin/python3', '/usr/local/bin/jupyter-lab', '--no-browser'], 'Jupyter'],
    ['python3', ['python3', '-m', 'jupyterlab'], 'Jupyter'],
    ['postgres', ['/usr/lib/postgresql/16/bin/postgres', '-D', '/var/lib/postgresql/16/main'], 'PostgreSQL server'],
    ['redis-server', ['redis-server *:6379'], 'Redis server'],
    ['code', ['/usr/share/code/code', '--type=utility'], 'Visual Studio Code'],
    ['gopls', ['gopls', 'serve'], 'a language server'],
    ['node', ['node', '/home/u/.vscode-server/extensions/x/typescript-language-server', '--stdio'], 'Visual Studio Code'],
  ])('%s %j is %s', (process, commandLine, software) => {
    expect(is(process, commandLine)).toBe(software)
  })

  it.each([
    [['node', 'server.js'], 'a node process running server.js'],
    [['/usr/bin/node', '--require', 'ts-node/register', '/srv/app/index.ts', '--port', '3000'], 'a node process running index.ts'],
    [['/usr/bin/node', '-e', "const s = require('net').createServer()\ns.listen(0)"], 'a node process'],
    [['node', '--eval', 'x()'], 'a node process'],
    [['node'], 'a node process'],
  ])('node %j: names the script it runs, never inline code', (commandLine, evidence) => {
    expect(recognizeHolder({ process: 'node', commandLine, executable: null, container: null })).toEqual({ software: 'Node.js', evidence })
  })

  it('names the container behind docker-proxy, or where it forwards when the container is unknown', () => {
    const args = ['/usr/bin/docker-proxy', '-proto', 'tcp', '-host-ip', '0.0.0.0', '-host-port', '8080', '-container-ip', '172.17.0.2', '-container-port', '80']
    expect(is('docker-proxy', args, { name: 'web', image: 'nginx:1.27' })).toBe('Docker container web (nginx:1.27)')
    expect(recognizeHolder({ process: 'docker-proxy', commandLine: args, executable: null, container: null })).toEqual({
      software: 'a Docker container',
      evidence: 'docker-proxy forwards it to 172.17.0.2:80',
    })
  })

  it('says nothing of a process it does not know', () => {
    expect(is('frobnicator', ['frobnicator', '--serve'])).toBeNull()
    expect(is('python3', ['python3', 'serve.py'])).toBeNull()
  })
})

/** A real `python3 -m http.server` on a port the OS picks; resolves with that port once it serves. */
function startHttpServer(): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn('python3', ['-u', '-m', 'http.server', '0', '--bind', '127.0.0.1'], { stdio: ['ignore', 'pipe', 'pipe'], cwd: tmpdir() })
    let out = ''
    const onData = (chunk: Buffer) => {
      out += chunk.toString()
      const match = /port (\d+)/.exec(out)
      if (match) resolve({ child, port: Number(match[1]) })
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.once('error', reject)
    child.once('exit', (code) => reject(new Error(`python3 -m http.server exited (${code}): ${out}`)))
  })
}

const stopped = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : (child.once('exit', () => resolve()), child.kill())))

describe.skipIf(process.platform !== 'linux')('the live part of a story, from the real monitor', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'portolan-story-live-'))
  let core: PortolanApp
  beforeAll(() => {
    core = composeApp({ dataDir, containers: null })
  })
  afterAll(async () => {
    await core.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('comes first while python3 -m http.server holds the port, names it from its command line, and goes when it leaves', async () => {
    const { child, port } = await startHttpServer()
    try {
      await core.monitor.pollNow()
      const held = core.story(port, 'tcp')
      expect(held.sections[0]?.id).toBe('live')
      expect(held.sections[0]?.paragraphs[0]).toBe(`On this machine ${port} is held by Python's built-in HTTP server (its command line runs python -m http.server).`)
      const [holder] = held.holders
      expect(holder).toMatchObject({ pid: child.pid, software: "Python's built-in HTTP server", address: '127.0.0.1', exposure: 'loopback' })
      assert(holder)
      // argv[0] is whatever started python (a pyenv shim execs the real binary): the rest is ours.
      expect(holder.commandLine?.[0]).toMatch(/python3[\d.]*$/)
      expect(holder.commandLine?.slice(1)).toEqual(['-u', '-m', 'http.server', '0', '--bind', '127.0.0.1'])
      expect(holder.startTime).toBeGreaterThan(0)
      expect(held.sections[0]?.paragraphs.join('\n')).toContain(`pid ${child.pid}`)
      expect(held.sections[0]?.paragraphs.join('\n')).toMatch(/Command line: `\S*python3[\d.]* -u -m http\.server 0 --bind 127\.0\.0\.1`/)
    } finally {
      await stopped(child)
    }
    await core.monitor.pollNow()
    const gone = core.story(port, 'tcp')
    expect(gone.holders).toEqual([])
    expect(gone.sections.map((s) => s.id)).toEqual(['what', 'registry', 'uses', 'matters', 'live', 'check'])
    expect(gone.sections.find((s) => s.id === 'live')?.paragraphs).toEqual([`Nothing on this machine is listening on ${port}/tcp right now.`])
  })
})
