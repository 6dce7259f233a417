import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCliProcess } from '../../helpers/cli'
import type { Story } from '../../../src/shared/story'
import { listenTcp } from '../../helpers/sockets'

const dataDir = mkdtempSync(join(tmpdir(), 'portolan-cli-story-'))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

const cli = (...args: string[]) => runCliProcess(args, { PORTOLAN_DATA_DIR: dataDir })

describe('portolan story', () => {
  it('tells the story of 1322 as text, every section and numbered sources', async () => {
    const { code, stdout } = await cli('story', '1322')
    expect(code).toBe(0)
    expect(stdout.split('\n')[0]).toBe('Port 1322: Novation — A registered port waiting for a purpose')
    for (const heading of ['What port 1322 is', 'What the registry says', 'What actually uses it', 'On this machine now', 'How to check it yourself', 'Sources']) {
      expect(stdout).toContain(`\n${heading}\n`)
    }
    expect(stdout).toContain('sudo lsof -i :1322')
    expect(stdout).toContain('netstat -ano | findstr :1322')
    expect(stdout).toContain('https://www.connected.app/ports/1322')
  })

  it('prints markdown and JSON', async () => {
    const markdown = await cli('story', '1322', '--markdown')
    expect(markdown.stdout).toMatch(/^# Port 1322: Novation/)
    expect(markdown.stdout).toContain('## Sources')
    const json = await cli('story', '53/udp', '--json')
    const story = JSON.parse(json.stdout) as Story
    expect(story).toMatchObject({ port: 53, protocol: 'udp', range: 'system' })
    expect(story.records.every((r) => r.protocol === 'udp' || r.protocol === null)).toBe(true)
    // The contract: each record keeps IANA's fields under these names.
    for (const key of ['service', 'protocol', 'ports', 'description', 'assignee', 'contact', 'registered', 'modified', 'references', 'notes', 'unauthorizedUse']) {
      expect(Object.keys(story.records[0] ?? {})).toContain(key)
    }
    expect(story.records[0]).toMatchObject({ service: 'domain', protocol: 'udp', ports: '53', assignee: 'Paul Mockapetris' })
    expect(story.registry.description).toMatch(/^IANA's registry of \d{4}-\d{2}-\d{2}, bundled with Portolan$/)
  })

  it('shows what holds a port on this machine now', async () => {
    const socket = await listenTcp('127.0.0.1')
    try {
      const { stdout } = await cli('story', `${socket.port}/tcp`, '--json')
      const story = JSON.parse(stdout) as Story
      expect(story.live.map((r) => [r.address, r.port])).toContainEqual(['127.0.0.1', socket.port])
      if (process.platform === 'linux') expect(story.live.map((r) => r.pid)).toContain(process.pid)
    } finally {
      await socket.close()
    }
  })

  it.each([
    ['-1', '"-1" is not a port'],
    ['65536', 'port 65536 is out of range'],
    ['abc', '"abc" is not a port'],
    ['80/icmp', 'unknown protocol "icmp"'],
  ])('rejects %s with a one-line error and exit code 2', async (input, message) => {
    const { code, stdout, stderr } = await cli('story', input)
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr.trim().split('\n')).toHaveLength(1)
    expect(stderr).toContain(message)
  })

  it('rejects a missing port and conflicting formats as usage errors', async () => {
    expect((await cli('story')).code).toBe(2)
    expect((await cli('story', '80', '--json', '--markdown')).code).toBe(2)
  })
})
