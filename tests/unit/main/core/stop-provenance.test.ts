import type { ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { composeApp, type PortolanApp } from '../../../../src/main/core/compose'
import { DockerContainerSource } from '../../../../src/main/monitor/containers/docker-source'
import { InlineSockDiagCollector } from '../../../../src/main/monitor/linux/inline-sock-diag-collector'
import type { Row } from '../../../../src/shared/row'
import { CGROUP_SKIP, makeCgroup } from '../../../helpers/cgroup'
import { killGroup, LISTENER_SCRIPT, ListenerReports, spawnDetached } from '../../../helpers/child-listener'
import { CONTAINER_LIST, startFakeDocker, type FakeDocker } from '../monitor/containers/fake-docker'

const reports = new ListenerReports()
const started: ChildProcess[] = []
const dataDirs: string[] = []

function core(containers: DockerContainerSource | null = null): PortolanApp {
  const dataDir = mkdtempSync(join(tmpdir(), 'portolan-stop-'))
  dataDirs.push(dataDir)
  return composeApp({ collector: new InlineSockDiagCollector(), containers, dataDir })
}

afterEach(() => {
  for (const child of started.splice(0)) killGroup(child)
})
afterAll(() => {
  reports.remove()
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true })
})

async function listedRow(c: PortolanApp, port: number, pid: number): Promise<Row> {
  for (let attempt = 0; attempt < 20; attempt++) {
    await c.monitor.pollNow()
    const row = c.monitor.rows().find((r) => r.port === port && r.pid === pid && r.state === 'LISTEN')
    if (row) return row
  }
  throw new Error(`pid ${pid} on ${port} is not listed`)
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  await new Promise((resolve) => server.close(resolve))
  return port
}

const quoted = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`

describe.skipIf(process.platform !== 'linux')('stopping the right thing, on real processes', () => {
  it('a shell loop that restarts its listener: the dialog says so, and the stop names the loop as what brought it back', async () => {
    const c = core()
    try {
      const port = await freePort()
      const loop = spawnDetached(['sh', '-c', `while true; do ${quoted(process.execPath)} -e ${quoted(LISTENER_SCRIPT)} ${port}; sleep 0.1; done`], { env: reports.env() })
      started.push(loop)
      const first = await reports.next()
      const row = await listedRow(c, port, first.pid)

      const answer = await c.stops.describe(row.id)
      if (!answer.ok) throw new Error(answer.message)
      const advice = answer.target.advice
      expect(advice?.warning).toBe(`It was started by sh (pid ${loop.pid}), which is still running and may start it again (a loop or script): stop the process group instead.`)
      expect(advice?.scopes).toEqual(['process', 'group'])
      expect(advice?.group).toEqual({ id: loop.pid, leader: 'sh', members: 2 })
      expect(advice?.command).toBe(`kill -TERM -- -${loop.pid}`)

      const outcome = await c.stops.stop(row.id, { force: false })
      expect(outcome.result, outcome.message).toBe('port-taken-again')
      expect(outcome.broughtBackBy).toBe(`the same parent, sh (pid ${loop.pid})`)
      expect(outcome.message).toContain(`brought back by the same parent, sh (pid ${loop.pid}); stop its process group (or the loop that runs it) instead.`)
      const second = await reports.next()
      expect(outcome.takenBy.map((h) => h.pid)).toEqual([second.pid])

      // Stopping the group ends the loop too, and the port stays free.
      const again = await listedRow(c, port, second.pid)
      const second_answer = await c.stops.describe(again.id)
      expect(second_answer.ok).toBe(true)
      const groupStop = await c.stops.stop(again.id, { force: false, scope: 'group' })
      expect(groupStop.result, groupStop.message).toBe('freed')
      expect(() => process.kill(loop.pid!, 0)).toThrow()
    } finally {
      await c.close()
    }
  })

  it.skipIf(CGROUP_SKIP !== null)('a listener in a systemd unit: the dialog names the unit and gives the systemctl command', async () => {
    const unit = `portolan-test-${randomBytes(4).toString('hex')}.service`
    const cgroup = makeCgroup(join('system.slice', unit))
    const c = core()
    let pid = 0
    try {
      started.push(spawnDetached([process.execPath, '-e', LISTENER_SCRIPT, '0'], { env: reports.env() }))
      const listener = await reports.next()
      pid = listener.pid
      cgroup.add(pid)
      const row = await listedRow(c, listener.port, pid)
      const answer = await c.stops.describe(row.id)
      if (!answer.ok) throw new Error(answer.message)
      expect(answer.target.advice?.command).toBe(`systemctl stop ${unit}`)
      // With systemd running, Restart= is read; without it, the dialog says it is unknown and why.
      expect(answer.target.advice?.warning).toMatch(new RegExp(`^(systemd will (not )?restart ${unit.replace('.', '\\.')}|It runs as the systemd unit ${unit.replace('.', '\\.')}; whether systemd restarts it is unknown: )`))
    } finally {
      await c.close()
      for (const child of started.splice(0)) killGroup(child)
      expect(await cgroup.remove([pid])).toBe(true)
    }
  })

  describe.skipIf(CGROUP_SKIP !== null)('a listener in a Docker container', () => {
    let docker: FakeDocker | null = null
    afterEach(async () => {
      await docker?.close()
      docker = null
    })

    it('is named from the engine, and stopped through its API with a re-scan', async () => {
      const id = randomBytes(32).toString('hex')
      const cgroup = makeCgroup(join('system.slice', `docker-${id}.scope`))
      let pid = 0
      // The engine here is a stand-in on a Unix socket (no Docker on this machine); the cgroup and the listener are real.
      const stops: string[] = []
      docker = await startFakeDocker((req, res) => {
        if (req.method === 'GET' && req.url === '/containers/json') {
          res.writeHead(200, { 'Content-Type': 'application/json' })
          res.end(JSON.stringify([{ ...CONTAINER_LIST[0], Id: id, Names: ['/portolan-test-web'], Ports: [] }]))
        } else if (req.method === 'POST' && req.url === `/containers/${id}/stop?t=10`) {
          // Like Docker: answer once the container's process has exited.
          stops.push(id)
          process.kill(pid, 'SIGTERM')
          const answer = (): void => {
            try {
              process.kill(pid, 0)
              setTimeout(answer, 20)
            } catch {
              res.writeHead(204)
              res.end()
            }
          }
          answer()
        } else {
          res.writeHead(404)
          res.end()
        }
      })
      const c = core(new DockerContainerSource({ endpoints: [docker.socketPath] }))
      try {
        started.push(spawnDetached([process.execPath, '-e', LISTENER_SCRIPT, '0'], { env: reports.env() }))
        const listener = await reports.next()
        pid = listener.pid
        cgroup.add(pid)
        const row = await listedRow(c, listener.port, pid)
        expect(row.provenance?.container).toEqual({ runtime: 'docker', id, name: 'portolan-test-web', image: 'nginx:1.27-alpine' })

        const answer = await c.stops.describe(row.id)
        if (!answer.ok) throw new Error(answer.message)
        expect(answer.target.advice?.command).toBe('docker stop portolan-test-web')
        expect(answer.target.advice?.container).toEqual({ id, name: 'portolan-test-web' })
        expect(answer.target.advice?.scopes).toContain('container')

        const outcome = await c.stops.stop(row.id, { force: false, scope: 'container' })
        expect(stops).toEqual([id])
        expect(outcome.result, outcome.message).toBe('freed')
        expect(outcome.message).toBe(`Stopped container portolan-test-web; port ${listener.port}/tcp is free.`)
        // A second stop without a new confirmation is refused.
        expect((await c.stops.stop(row.id, { force: false, scope: 'container' })).result).toBe('refused')
      } finally {
        await c.close()
        expect(await cgroup.remove([pid])).toBe(true)
      }
    })
  })
})
