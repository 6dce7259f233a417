import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs'
import { connect, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { composeApp } from '../../../../src/main/core/compose'
import { InlineSockDiagCollector } from '../../../../src/main/monitor/linux/inline-sock-diag-collector'
import { hasCommand, LISTENER_SCRIPT, ListenerReports } from '../../../helpers/child-listener'

const reports = new ListenerReports()
afterAll(() => reports.remove())

describe.skipIf(process.platform !== 'linux' || !hasCommand('tmux'))('the story of a port held by a listener with provenance and activity', () => {
  it('says who holds it, for which project, started from where, with how many connections and how exposed', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'portolan-story-'))
    const repo = join(parent, 'story-names-the-project')
    mkdirSync(repo)
    execFileSync('git', ['init', '-q', repo])
    const socketName = `portolan-test-${randomBytes(4).toString('hex')}`
    const command = `cd '${repo}' && PORTOLAN_TEST_REPORT=${reports.file} exec bash -c '"${process.execPath}" -e '\\''${LISTENER_SCRIPT.replace(/'/g, `'\\''\\'\\'''\\''`)}'\\'' 0; sleep 600'`
    execFileSync('tmux', ['-L', socketName, '-f', '/dev/null', 'new-session', '-d', command])
    const dataDir = mkdtempSync(join(tmpdir(), 'portolan-data-'))
    const core = composeApp({ collector: new InlineSockDiagCollector(), containers: null, dataDir })
    const clients: Socket[] = []
    try {
      const { pid, port } = await reports.next()
      for (let i = 0; i < 2; i++) {
        const socket = connect(port, '127.0.0.1')
        clients.push(socket)
        await new Promise((resolve) => socket.once('connect', resolve))
      }
      const expected = `Held by node (pid ${pid}) for the project story-names-the-project in ${realpathSync(repo)}, started from a terminal (bash ← tmux); 2 connections; exposed on loopback only.`
      let paragraphs: string[] = []
      for (let attempt = 0; attempt < 20 && !paragraphs.includes(expected); attempt++) {
        await core.monitor.pollNow()
        paragraphs = core.story(port, 'tcp').sections.find((s) => s.id === 'live')?.paragraphs ?? []
      }
      expect(paragraphs).toContain(expected)
      // The socket's own line gives its details without naming the holder and its exposure a second time.
      expect(paragraphs.filter((p) => p.includes(`(pid ${pid})`))).toEqual([expected])
      expect(paragraphs.some((p) => p.startsWith(`tcp 127.0.0.1:${port}. Command line: `))).toBe(true)
      const row = core.monitor.rows().find((r) => r.port === port && r.pid === pid)
      expect(row?.provenance?.project?.name).toBe('story-names-the-project')
    } finally {
      for (const c of clients) c.destroy()
      await core.close()
      execFileSync('tmux', ['-L', socketName, 'kill-server'])
      rmSync(parent, { recursive: true, force: true })
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
