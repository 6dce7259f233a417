// The Windows parent walk on process trees as Toolhelp reports them (pid, parent pid, exe name) with creation
// times as GetProcessTimes gives them: which launcher is named, and where a reused pid stops the chain.
// (The same walk on Wine's real processes is in provenance-wine.test.ts.)
import { describe, expect, it } from 'vitest'
import { classifyWindowsLauncher, windowsParentChain } from '../../../../../src/main/monitor/windows/windows-parent-chain'
import type { SnapshotProcess } from '../../../../../src/main/monitor/windows/windows-processes'
import type { ServiceStatusEntry } from '../../../../../src/main/monitor/windows/service-layout'
import { hostedServices } from '../../../../../src/main/monitor/windows/windows-provenance'

type Tree = Array<[pid: number, parentPid: number, name: string, created: bigint | null]>

function walk(tree: Tree, pid: number) {
  const snapshot = new Map<number, SnapshotProcess>(tree.map(([p, parentPid, name]) => [p, { pid: p, parentPid, name }]))
  const created = new Map(tree.map(([p, , , c]) => [p, c]))
  return windowsParentChain(pid, snapshot, (p) => created.get(p) ?? null)
}

describe('windowsParentChain', () => {
  it('walks past a shell to the IDE that started it', () => {
    const result = walk([[900, 800, 'node.exe', 30n], [800, 700, 'cmd.exe', 20n], [700, 600, 'Code.exe', 10n], [600, 4, 'explorer.exe', 5n]], 900)
    expect(result.chain.map((l) => l.name)).toEqual(['node.exe', 'cmd.exe', 'Code.exe'])
    expect(result.supervisor).toEqual({ pid: 700, name: 'Code.exe', kind: 'ide' })
  })

  it('names the nearest shell, not the desktop above it, and cuts the chain there', () => {
    const result = walk([[900, 850, 'node.exe', 30n], [850, 800, 'node.exe', 25n], [800, 700, 'powershell.exe', 20n], [700, 600, 'cmd.exe', 15n], [600, 4, 'explorer.exe', 5n]], 900)
    expect(result.chain.map((l) => l.name)).toEqual(['node.exe', 'node.exe', 'powershell.exe'])
    expect(result.supervisor).toEqual({ pid: 800, name: 'powershell.exe', kind: 'shell' })
  })

  it('names the desktop when nothing nearer started it, and the service manager for a service', () => {
    expect(walk([[900, 600, 'app.exe', 30n], [600, 4, 'explorer.exe', 5n]], 900).supervisor).toEqual({ pid: 600, name: 'explorer.exe', kind: 'desktop' })
    const service = walk([[900, 640, 'svchost.exe', 30n], [640, 560, 'services.exe', 5n], [560, 4, 'wininit.exe', 4n]], 900)
    expect(service.chain.map((l) => l.name)).toEqual(['svchost.exe', 'services.exe'])
    expect(service.supervisor).toMatchObject({ kind: 'service-manager' })
  })

  it('stops at a "parent" created after its child: the real parent exited and its pid was reused', () => {
    const result = walk([[900, 800, 'node.exe', 30n], [800, 700, 'cmd.exe', 40n], [700, 4, 'Code.exe', 1n]], 900)
    expect(result.chain).toEqual([{ pid: 900, name: 'node.exe' }])
    expect(result.supervisor).toBeNull()
  })

  it('stops where a creation time is unknown (a process Windows will not open), and where the parent is gone', () => {
    expect(walk([[900, 800, 'node.exe', 30n], [800, 700, 'cmd.exe', null], [700, 4, 'Code.exe', 1n]], 900).chain).toHaveLength(1)
    expect(walk([[900, 800, 'node.exe', null], [800, 4, 'cmd.exe', 1n]], 900).chain).toHaveLength(1)
    expect(walk([[900, 800, 'node.exe', 30n]], 900)).toEqual({ chain: [{ pid: 900, name: 'node.exe' }], supervisor: null })
    expect(walk([[0, 0, '[System Process]', 0n]], 0).chain).toHaveLength(1)
  })

  it("classifies by the executable's name whatever its case, and never guesses what node.exe runs", () => {
    expect(classifyWindowsLauncher('WindowsTerminal.exe')).toBe('terminal')
    expect(classifyWindowsLauncher('IDEA64.EXE')).toBe('ide')
    expect(classifyWindowsLauncher('nssm.exe')).toBe('process-manager')
    expect(classifyWindowsLauncher('node.exe')).toBeNull()
  })
})

describe('hostedServices', () => {
  const service = (name: string, pid: number): ServiceStatusEntry => ({ name, displayName: name, serviceType: 0x10, state: 4, pid })
  const byPid = new Map([[200, [service('sshd', 200)]], [300, [service('api', 300)]], [800, [service('Schedule', 800)]]])

  it("names a process's own service, and a service wrapper's when the wrapper runs it directly", () => {
    expect(hostedServices([{ pid: 200, name: 'sshd.exe' }], byPid)?.entries.map((e) => e.name)).toEqual(['sshd'])
    expect(hostedServices([{ pid: 5000, name: 'node.exe' }, { pid: 300, name: 'nssm.exe' }], byPid)?.entries.map((e) => e.name)).toEqual(['api'])
  })

  it('does not make a process started from a service (an ssh session, a scheduled task) into that service', () => {
    // python.exe ← pwsh.exe ← sshd.exe (session) ← sshd.exe (the service): the listener is the user's, not sshd.
    expect(hostedServices([{ pid: 7000, name: 'python.exe' }, { pid: 6000, name: 'pwsh.exe' }, { pid: 201, name: 'sshd.exe' }, { pid: 200, name: 'sshd.exe' }], byPid)).toBeNull()
    expect(hostedServices([{ pid: 7000, name: 'node.exe' }, { pid: 800, name: 'svchost.exe' }], byPid)).toBeNull()
  })
})
