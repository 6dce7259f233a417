// The service reader on real Windows only (the GitHub windows runner in ci.yml, which runs as an
// administrator): what Wine cannot show. Wine 8's QueryServiceConfig2W has no SERVICE_CONFIG_FAILURE_ACTIONS
// and it never shares a process between services; Windows does both. A service registered here with
// sc.exe (its create, failure and config commands: https://learn.microsoft.com/en-us/windows/win32/services/configuring-a-service-using-sc)
// is read back: recovery "restart", then none; start type automatic, then delayed. (Recovery that restarts
// only after some failures is checked on bytes in service-layout.test.ts.)
import { spawnSync } from 'node:child_process'
import { afterAll, describe, expect, it } from 'vitest'
import { ServiceManager } from '../../../../../src/main/monitor/windows/services'
import { serviceApi } from '../../../../../src/main/monitor/windows/win32'

const SKIP = process.platform === 'win32' ? null : 'the Windows service manager runs on Windows (this runs on the windows CI runner; Wine covers the rest)'
if (SKIP) console.warn(`skipping native Windows service tests: ${SKIP}`)

const NAME = `PortolanNative${process.pid}`
const sc = (args: string[]) => spawnSync('sc.exe', args, { encoding: 'utf8' })

describe.skipIf(SKIP !== null)(`the service reader on Windows${SKIP ? ` [skipped: ${SKIP}]` : ''}`, () => {
  afterAll(() => {
    if (!SKIP) sc(['delete', NAME])
  })

  it("lists the running services with the pids Windows' own sc.exe queryex reports", () => {
    const manager = new ServiceManager(serviceApi())
    const byPid = manager.servicesByPid()
    manager.close()
    const listed = new Map([...byPid].flatMap(([pid, entries]) => entries.map((e) => [e.name.toLowerCase(), pid] as const)))
    expect(listed.size).toBeGreaterThan(10)
    // sc.exe queryex prints SERVICE_NAME: and PID : for each running service.
    const out = sc(['queryex', 'type=', 'service', 'state=', 'active', 'bufsize=', '65536']).stdout
    const pairs = [...out.matchAll(/SERVICE_NAME:\s*(\S+)[\s\S]*?PID\s*:\s*(\d+)/g)].map((m) => [m[1]?.toLowerCase(), Number(m[2])] as const)
    expect(pairs.length).toBeGreaterThan(10)
    const running = pairs.filter(([, pid]) => pid !== 0)
    // Services come and go; nearly all of those sc.exe saw a moment later are the same here.
    const same = running.filter(([name, pid]) => name !== undefined && listed.get(name) === pid)
    expect(same.length).toBeGreaterThanOrEqual(running.length - 3)
  })

  it('reads the start type and the recovery actions sc.exe set', () => {
    const created = sc(['create', NAME, 'binPath=', 'C:\\Windows\\System32\\cmd.exe', 'start=', 'auto', 'DisplayName=', 'Portolan native test'])
    expect(created.status, created.stdout).toBe(0)
    const entry = { name: NAME, displayName: 'Portolan native test', serviceType: 0x10, state: 1, pid: 0 }
    const read = () => {
      const manager = new ServiceManager(serviceApi())
      try {
        return manager.origin(entry)
      } finally {
        manager.close()
      }
    }
    expect(sc(['failure', NAME, 'reset=', '60', 'actions=', 'restart/1000']).status).toBe(0)
    expect(read()).toMatchObject({ startType: 'auto', restarts: true, restartsBecause: 'recovery: restart the service' })
    // An empty actions= value (cmd.exe's `actions= ""`) clears them.
    expect(sc(['failure', NAME, 'reset=', '0', 'actions=', '']).status).toBe(0)
    expect(read()).toMatchObject({ restarts: false, restartsBecause: 'recovery: take no action' })
    expect(sc(['config', NAME, 'start=', 'delayed-auto']).status).toBe(0)
    expect(read().startType).toBe('delayed-auto')
  })
})
