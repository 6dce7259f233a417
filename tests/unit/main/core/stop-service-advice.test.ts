// What the stop dialog says for a process that runs as a Windows service or a launchd job, through adviseStop
// (the function the dialog's describe calls), for each thing the service manager may have said: restarts,
// does not, unknown; one service or several in one process; a service run through a wrapper; Homebrew's jobs.
// A real service under Wine goes through the same path in provenance-wine.test.ts.
import { describe, expect, it } from 'vitest'
import { adviseStop } from '../../../../src/main/core/stop-advice'
import { insteadHint, mayComeBack, whoBroughtItBack } from '../../../../src/main/core/respawn'
import type { Provenance, ServiceOrigin } from '../../../../src/shared/provenance'
import type { Row } from '../../../../src/shared/row'

function windowsService(name: string, displayName: string, restarts: boolean | null, extra: Partial<ServiceOrigin> = {}): ServiceOrigin {
  const restartsBecause = restarts === true ? 'recovery: restart the service' : restarts === false ? 'recovery: take no action' : 'the service manager did not give its recovery settings (QueryServiceConfig2W failed with error 5)'
  return { manager: 'windows-scm', name, displayName, restarts, restartsBecause, startType: 'demand', domain: null, pid: 4242, ...extra }
}

function provenance(services: ServiceOrigin[], chain = [{ pid: 4242, name: 'svc.exe' }, { pid: 600, name: 'services.exe' }]): Provenance {
  return { unit: null, container: null, app: null, chain, supervisor: { pid: 600, name: 'services.exe', kind: 'service-manager' }, processGroup: null, session: null, cwd: null, project: null, services }
}

const advise = (p: Provenance) => adviseStop({ pid: 4242, name: 'svc.exe', provenance: p, protect: { self: 1, parent: 1 }, canStopContainer: false })

describe('stop advice for a Windows service', () => {
  it('says Windows will restart it only when its recovery says so, with sc.exe and PowerShell commands to stop it and keep it stopped', async () => {
    const advice = await advise(provenance([windowsService('Spooler', 'Print Spooler', true, { startType: 'auto' })]))
    expect(advice.warning).toBe('Windows will restart Print Spooler (recovery: restart the service): stop the service instead. It also starts again at the next boot (startup type Automatic) unless it is disabled. Stopping or disabling a service needs an administrator prompt.')
    expect(advice.command).toBe('sc.exe stop Spooler')
    expect(advice.alternatives).toEqual([
      { label: 'PowerShell', command: 'Stop-Service -Name Spooler' },
      { label: 'To keep it stopped', command: 'sc.exe config Spooler start= disabled' },
      { label: 'To keep it stopped (PowerShell)', command: 'Set-Service -Name Spooler -StartupType Disabled' },
    ])
    expect(advice.scopes).toEqual(['process'])
  })

  it('does not claim a restart when recovery takes no action, and says unknown when Windows did not say', async () => {
    const none = await advise(provenance([windowsService('MyApp', 'My App', false)]))
    expect(none.warning).toBe('It runs as the Windows service My App (MyApp), which Windows does not restart on failure (recovery: take no action); stopping the service is the clean way. Stopping or disabling a service needs an administrator prompt.')
    const unknown = await advise(provenance([windowsService('MyApp', 'My App', null)]))
    expect(unknown.warning).toBe('It runs as the Windows service My App (MyApp); whether Windows restarts it is unknown: the service manager did not give its recovery settings (QueryServiceConfig2W failed with error 5). Stopping the service (sc.exe stop MyApp) is the sure way. Stopping or disabling a service needs an administrator prompt.')
    expect(unknown.warning).not.toMatch(/will restart/)
  })

  it('double-quotes a name with spaces, which both shells read the same', async () => {
    const advice = await advise(provenance([windowsService('My Server', 'My Server', true)]))
    expect(advice.command).toBe('sc.exe stop "My Server"')
    expect(advice.alternatives?.map((a) => a.command)).toEqual([
      "Stop-Service -Name 'My Server'", 'sc.exe config "My Server" start= disabled', "Set-Service -Name 'My Server' -StartupType Disabled",
    ])
  })

  it("leads with PowerShell's single-quoted command for a name PowerShell would expand in double quotes ($, quotes)", async () => {
    // SQL Server's named instances: in PowerShell, "MSSQL$SQLEXPRESS" would run as sc.exe stop MSSQL.
    const sql = await advise(provenance([windowsService('MSSQL$SQLEXPRESS', 'SQL Server (SQLEXPRESS)', true)]))
    expect(sql.command).toBe("Stop-Service -Name 'MSSQL$SQLEXPRESS'")
    expect(sql.alternatives).toEqual([
      { label: 'Command Prompt', command: 'sc.exe stop "MSSQL$SQLEXPRESS"' },
      { label: 'To keep it stopped (PowerShell)', command: "Set-Service -Name 'MSSQL$SQLEXPRESS' -StartupType Disabled" },
      { label: 'To keep it stopped (Command Prompt)', command: 'sc.exe config "MSSQL$SQLEXPRESS" start= disabled' },
    ])
    const quoted = await advise(provenance([windowsService("Bob's Server", "Bob's Server", true)]))
    expect(quoted.command).toBe("Stop-Service -Name 'Bob''s Server'")
    expect(quoted.alternatives?.[0]).toEqual({ label: 'Command Prompt', command: `sc.exe stop "Bob's Server"` })
  })

  it('names the wrapper a service runs the listener through', async () => {
    const chain = [{ pid: 5000, name: 'node.exe' }, { pid: 4242, name: 'nssm.exe' }]
    const advice = await adviseStop({ pid: 5000, name: 'node.exe', provenance: provenance([windowsService('api', 'api', true)], chain), protect: { self: 1, parent: 1 }, canStopContainer: false })
    expect(advice.warning).toBe('It runs under the Windows service api, through nssm.exe (pid 4242), which may start it again when it exits: stop the service instead. Stopping or disabling a service needs an administrator prompt.')
    expect(advice.command).toBe('sc.exe stop api')
  })

  it('lists every service of a shared process and offers no single command, since Windows does not say which holds the port', async () => {
    const advice = await advise(provenance([windowsService('Dnscache', 'DNS Client', true), windowsService('Dhcp', 'DHCP Client', false)]))
    expect(advice.warning).toBe('Its process hosts 2 Windows services (DNS Client (Dnscache), DHCP Client (Dhcp)): stopping it stops them all, and Windows will restart DNS Client (Dnscache). Windows does not say which of them holds the port.')
    expect(advice.command).toBeNull()
  })
})

describe('stop advice for a launchd job', () => {
  const job = (name: string, restarts: boolean | null, domain = 'gui/501'): ServiceOrigin => ({
    manager: 'launchd', name, displayName: null, restarts, restartsBecause: restarts === true ? 'KeepAlive' : restarts === false ? 'no KeepAlive' : 'launchctl print could not read the job', startType: null, domain, pid: 4242,
  })

  it("uses Homebrew's own command for its services, with launchctl as the other way", async () => {
    const advice = await advise(provenance([job('homebrew.mxcl.redis', true)]))
    expect(advice.warning).toBe('launchd will restart homebrew.mxcl.redis (KeepAlive): stop the job instead.')
    expect(advice.command).toBe('brew services stop redis')
    expect(advice.alternatives).toEqual([{ label: 'launchctl', command: 'launchctl bootout gui/501/homebrew.mxcl.redis' }])
  })

  it('boots out any other job from its domain, with sudo for the system domain, and says unknown when launchctl did not tell', async () => {
    const user = await advise(provenance([job('com.example.api', false)]))
    expect(user.command).toBe('launchctl bootout gui/501/com.example.api')
    expect(user.warning).toBe('It runs as the launchd job com.example.api, which launchd does not keep alive (no KeepAlive); stopping the job is the clean way.')
    const system = await advise(provenance([job('com.example.daemon', null, 'system')]))
    expect(system.command).toBe('sudo launchctl bootout system/com.example.daemon')
    expect(system.warning).toBe('It runs as the launchd job com.example.daemon; whether launchd restarts it is unknown: launchctl print could not read the job. Stopping the job is the sure way.')
  })
})

describe('stop advice for a launchd job run through a wrapper', () => {
  it('says the job runs it through its parent rather than that it is the job', async () => {
    const job: ServiceOrigin = { manager: 'launchd', name: 'com.example.api', displayName: null, restarts: false, restartsBecause: 'no KeepAlive', startType: null, domain: 'gui/501', pid: 4242 }
    const chain = [{ pid: 5000, name: 'node' }, { pid: 4242, name: 'run-api.sh' }]
    const advice = await adviseStop({ pid: 5000, name: 'node', provenance: provenance([job], chain), protect: { self: 1, parent: 1 }, canStopContainer: false })
    expect(advice.warning).toBe('It runs under the launchd job com.example.api, through run-api.sh (pid 4242), which launchd does not keep alive (no KeepAlive); stopping the job is the clean way.')
  })
})

describe('after a stop, for services', () => {
  const row = (p: Provenance, pid: number): Row => ({ pid, provenance: p }) as unknown as Row

  it('expects a service to come back unless its manager is known not to restart it, and names it when it does', () => {
    expect(mayComeBack(provenance([windowsService('Spooler', 'Print Spooler', true)]))).toBe(true)
    expect(mayComeBack(provenance([windowsService('Spooler', 'Print Spooler', null)]))).toBe(true)
    expect(mayComeBack(provenance([windowsService('Spooler', 'Print Spooler', false)]))).toBe(false)
    // Run through a wrapper (the service's process is a parent): the wrapper may start it again.
    expect(mayComeBack(provenance([windowsService('api', 'api', false)], [{ pid: 5000, name: 'node.exe' }, { pid: 4242, name: 'nssm.exe' }]))).toBe(true)
    const before = provenance([windowsService('Spooler', 'Print Spooler', true)])
    const after = provenance([windowsService('Spooler', 'Print Spooler', true, { pid: 5151 })], [{ pid: 5151, name: 'svc.exe' }, { pid: 600, name: 'services.exe' }])
    expect(whoBroughtItBack(before, 4242, [row(after, 5151)])).toBe('the same Windows service, Spooler')
    expect(insteadHint(before)).toBe('stop the service instead (sc.exe stop Spooler)')
    expect(insteadHint(provenance([windowsService('MSSQL$SQLEXPRESS', 'SQL Server', true)]))).toBe("stop the service instead (Stop-Service -Name 'MSSQL$SQLEXPRESS')")
    // A shared process: no single service to name.
    expect(insteadHint(provenance([windowsService('Dnscache', 'DNS Client', true), windowsService('Dhcp', 'DHCP Client', false)]))).toBe(
      'stop the service that holds the port instead (Windows does not say which of its services that is)',
    )
  })
})
