// The story's holder sentence for Windows and macOS provenance: it names the service or job, the shell,
// the desktop or the service manager only when provenance says so, and claims no terminal otherwise.
import { describe, expect, it } from 'vitest'
import { describeHolder } from '../../../../../src/main/registry/story/holder-sentence'
import type { Provenance, ServiceOrigin } from '../../../../../src/shared/provenance'
import type { Row } from '../../../../../src/shared/row'

const EMPTY: Provenance = { unit: null, container: null, app: null, chain: [], supervisor: null, processGroup: null, session: null, cwd: null, project: null }

function row(pid: number, process: string, provenance: Partial<Provenance>): Row {
  return { pid, process, address: '127.0.0.1', exposure: 'loopback', remotePort: null, provenance: { ...EMPTY, chain: [{ pid, name: process }], ...provenance } } as unknown as Row
}

const service = (name: string, displayName: string | null, manager: ServiceOrigin['manager'] = 'windows-scm', pid = 700): ServiceOrigin =>
  ({ manager, name, displayName, restarts: null, restartsBecause: null, startType: null, domain: manager === 'launchd' ? 'gui/501' : null, pid })

describe('describeHolder on Windows and macOS', () => {
  it('names the Windows service, the services of a shared host, and a wrapper between', () => {
    expect(describeHolder(row(700, 'spoolsv.exe', { services: [service('Spooler', 'Print Spooler')] }), undefined, null))
      .toBe('Held by spoolsv.exe (pid 700), run by Windows as the service Print Spooler (Spooler); exposed on loopback only.')
    expect(describeHolder(row(700, 'svchost.exe', { services: [service('Dnscache', 'DNS Client'), service('Dhcp', 'DHCP Client')] }), undefined, null))
      .toBe('Held by svchost.exe (pid 700), run by Windows in the process of the services DNS Client (Dnscache) and DHCP Client (Dhcp); exposed on loopback only.')
    const wrapped = row(900, 'node.exe', { chain: [{ pid: 900, name: 'node.exe' }, { pid: 700, name: 'nssm.exe' }], services: [service('api', 'api')] })
    expect(describeHolder(wrapped, undefined, null)).toBe('Held by node.exe (pid 900), run by Windows as the service api through nssm.exe (pid 700); exposed on loopback only.')
  })

  it('names the launchd job and its domain', () => {
    expect(describeHolder(row(700, 'redis-server', { services: [service('homebrew.mxcl.redis', null, 'launchd')] }), undefined, null))
      .toBe('Held by redis-server (pid 700), run by launchd as homebrew.mxcl.redis (gui/501); exposed on loopback only.')
  })

  it('says a shell, the desktop or the service manager started it only when the chain says so, and never a terminal', () => {
    const shell = row(900, 'node.exe', { chain: [{ pid: 900, name: 'node.exe' }, { pid: 800, name: 'cmd.exe' }], supervisor: { pid: 800, name: 'cmd.exe', kind: 'shell' } })
    expect(describeHolder(shell, undefined, null)).toBe('Held by node.exe (pid 900), started from a shell (cmd.exe); exposed on loopback only.')
    const desktop = row(900, 'app.exe', { chain: [{ pid: 900, name: 'app.exe' }, { pid: 600, name: 'explorer.exe' }], supervisor: { pid: 600, name: 'explorer.exe', kind: 'desktop' } })
    expect(describeHolder(desktop, undefined, null)).toBe('Held by app.exe (pid 900), started from the desktop (explorer.exe); exposed on loopback only.')
    const scm = row(900, 'svc.exe', { chain: [{ pid: 900, name: 'svc.exe' }, { pid: 600, name: 'services.exe' }], supervisor: { pid: 600, name: 'services.exe', kind: 'service-manager' }, services: [] })
    expect(describeHolder(scm, undefined, null)).toBe('Held by svc.exe (pid 900), started by the service manager (services.exe); exposed on loopback only.')
    const unknown = row(900, 'node.exe', { chain: [{ pid: 900, name: 'node.exe' }, { pid: 32, name: 'node.exe' }] })
    expect(describeHolder(unknown, undefined, null)).toBe('Held by node.exe (pid 900); exposed on loopback only.')
  })
})
