// launchctl's answers as Portolan reads them. `launchctl list` output in the format launchctl(1) documents
// (https://keith.github.io/xcode-man-pages/launchctl.1.html, "list": three columns, the PID if running, the
// last exit status, negative for the signal that killed the job, and the label; launchctl prints them
// tab-separated under a "PID\tStatus\tLabel" header). `launchctl print` output is "not API" per the same
// page; only its `properties = ...` line is read, in the shape launchctl prints it (one tab deep, values
// joined by " | "). The same code runs against the real launchctl in launchd-darwin.test.ts.
import { describe, expect, it } from 'vitest'
import { keepAliveFromPrint, LaunchdJobs, parseLaunchctlList } from '../../../../../src/main/monitor/macos/launchctl'
import { launchdHost, macParentChain, type MacProcess } from '../../../../../src/main/monitor/macos/macos-provenance'

const LIST = [
  'PID\tStatus\tLabel',
  '-\t0\tcom.apple.SafariHistoryServiceAgent',
  '612\t0\thomebrew.mxcl.redis',
  '-\t-9\tcom.example.crashed',
  '88721\t0\tapplication.com.apple.Terminal.1234.5678',
  'garbage line',
  '',
].join('\n')

describe('launchctl list', () => {
  it('reads pid, last exit status and label, "-" as not running / never exited, and skips other lines', () => {
    expect(parseLaunchctlList(LIST)).toEqual([
      { pid: null, status: 0, label: 'com.apple.SafariHistoryServiceAgent' },
      { pid: 612, status: 0, label: 'homebrew.mxcl.redis' },
      { pid: null, status: -9, label: 'com.example.crashed' },
      { pid: 88721, status: 0, label: 'application.com.apple.Terminal.1234.5678' },
    ])
  })

  it('maps running jobs by pid, and finds their domain and KeepAlive through launchctl print', () => {
    const asked: string[][] = []
    const launchctl = (args: readonly string[]): string => {
      asked.push([...args])
      if (args[0] === 'list') return LIST
      if (args[1] === 'gui/501/homebrew.mxcl.redis') return 'gui/501/homebrew.mxcl.redis = {\n\tactive count = 1\n\tstate = running\n\tproperties = keepalive | runatload | inferred program\n}\n'
      throw new Error('Could not find service')
    }
    const jobs = new LaunchdJobs(launchctl, 501)
    expect([...jobs.byPid()]).toEqual([[612, 'homebrew.mxcl.redis'], [88721, 'application.com.apple.Terminal.1234.5678']])
    expect(jobs.origin('homebrew.mxcl.redis', 612)).toEqual({ manager: 'launchd', name: 'homebrew.mxcl.redis', displayName: null, startType: null, pid: 612, domain: 'gui/501', restarts: true, restartsBecause: 'KeepAlive' })
    expect(jobs.origin('com.example.gone', 7)).toMatchObject({ domain: null, restarts: null, restartsBecause: 'launchctl print found com.example.gone in none of gui/501, user/501' })
    expect(asked).toContainEqual(['print', 'user/501/com.example.gone'])
    expect(new LaunchdJobs(launchctl, 0).origin('x', 1).restartsBecause).toMatch(/none of system$/)
  })
})

describe('launchctl print', () => {
  it('takes keepalive from the job\'s own properties line only, and calls its absence unknown', () => {
    expect(keepAliveFromPrint('x = {\n\tproperties = runatload | keepalive\n}')).toEqual({ restarts: true, restartsBecause: 'KeepAlive' })
    // A nested block's keepalive (event triggers) is not the job's.
    expect(keepAliveFromPrint('x = {\n\tevent triggers = {\n\t\tproperties = keepalive\n\t}\n\tproperties = runatload\n}').restarts).toBeNull()
    expect(keepAliveFromPrint('').restarts).toBeNull()
  })
})

describe('macParentChain', () => {
  const tree = (entries: Array<[number, number, string, number]>) => {
    const byPid = new Map<number, MacProcess>(entries.map(([pid, parentPid, name, startTime]) => [pid, { pid, parentPid, name, startTime }]))
    return (pid: number): MacProcess | null => byPid.get(pid) ?? null
  }

  it('walks past the shell and login to Terminal, and names launchd for a job', () => {
    const fromTerminal = macParentChain(900, tree([[900, 800, 'node', 40], [800, 700, 'zsh', 30], [700, 600, 'login', 20], [600, 1, 'Terminal', 10], [1, 0, 'launchd', 0]]))
    expect(fromTerminal.chain.map((l) => l.name)).toEqual(['node', 'zsh', 'login', 'Terminal'])
    expect(fromTerminal.supervisor).toEqual({ pid: 600, name: 'Terminal', kind: 'terminal' })
    expect(macParentChain(900, tree([[900, 1, 'redis-server', 40], [1, 0, 'launchd', 0]])).supervisor).toEqual({ pid: 1, name: 'launchd', kind: 'service-manager' })
  })

  it('stops at a parent that started after its child (a reused pid)', () => {
    expect(macParentChain(900, tree([[900, 800, 'node', 40], [800, 1, 'zsh', 50]])).chain).toEqual([{ pid: 900, name: 'node' }])
  })
})

describe('launchdHost', () => {
  it('is the process itself, or a direct parent that is a job wrapper, never an app or terminal the user started it from', () => {
    const jobs = new Map([[900, 'com.example.api'], [800, 'com.example.wrapper'], [600, 'application.com.googlecode.iterm2.123.456'], [700, 'com.apple.Terminal']])
    expect(launchdHost([{ pid: 900, name: 'node' }], jobs)).toEqual({ pid: 900, name: 'node' })
    expect(launchdHost([{ pid: 901, name: 'node' }, { pid: 800, name: 'run-api.sh' }], jobs)).toEqual({ pid: 800, name: 'run-api.sh' })
    // node ← zsh ← login ← iTerm2 (an app opened from the Dock is an "application." job): not the job.
    expect(launchdHost([{ pid: 902, name: 'node' }, { pid: 650, name: 'zsh' }, { pid: 640, name: 'login' }, { pid: 600, name: 'iTerm2' }], jobs)).toBeNull()
    expect(launchdHost([{ pid: 903, name: 'node' }, { pid: 600, name: 'iTerm2' }], jobs)).toBeNull()
    expect(launchdHost([{ pid: 904, name: 'node' }, { pid: 700, name: 'Terminal' }], jobs)).toBeNull()
  })
})
