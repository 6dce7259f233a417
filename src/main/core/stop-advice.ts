import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import type { Provenance, SystemdUnit } from '../../shared/provenance'
import type { StopAdvice, StopScope } from '../../shared/stop'
import { groupMembers } from './stop-group'
import { serviceStopAdvice } from './stop-service-advice'
import type { ProtectedPids } from './stop-target'

/** A unit's Restart= setting, or why it is unknown. */
export type RestartSetting = { value: string } | { unknown: string }

/** Restart= values after which systemd starts the service again when it exits on SIGTERM (systemd.service(5)). */
const RESTARTS_ON_TERM = new Set(['always', 'on-success'])
/** ... and those that restart it only after an unclean end, such as SIGKILL. */
const RESTARTS_ON_KILL = new Set(['on-failure', 'on-abnormal', 'on-abort'])

/** `systemctl [--user] show -p Restart --value <unit>`; unknown (with why) where systemctl is missing or cannot tell. */
export function systemdRestart(unit: SystemdUnit, timeoutMs = 2000): Promise<RestartSetting> {
  const args = [...(unit.manager === 'user' ? ['--user'] : []), 'show', '-p', 'Restart', '--value', unit.name]
  return new Promise((resolve) => {
    execFile('systemctl', args, { timeout: timeoutMs, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) {
        const code = (error as NodeJS.ErrnoException).code
        if (code === 'ENOENT') return resolve({ unknown: 'systemctl is not installed' })
        const why = stderr.split('\n').find((l) => l.trim() !== '')?.trim() ?? error.message
        return resolve({ unknown: `systemctl could not tell (${why})` })
      }
      const value = stdout.trim()
      resolve(value ? { value } : { unknown: 'systemctl gave no Restart= value' })
    })
  })
}

/** The variables a process manager puts in its children's environment (pm2: name, pm_id; supervisord: SUPERVISOR_PROCESS_NAME). */
function environment(pid: number, procRoot: string): Map<string, string> | null {
  try {
    const entries = readFileSync(`${procRoot}/${pid}/environ`, 'utf8').split('\0')
    return new Map(entries.filter((e) => e.includes('=')).map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]))
  } catch {
    return null
  }
}

/** A shell word: bare when safe, else single-quoted. */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`
}

export interface AdviceContext {
  pid: number
  name: string | null
  provenance: Provenance | null | undefined
  protect: ProtectedPids
  /** Whether a container can be stopped through the engine (Docker answered and named it). */
  canStopContainer: boolean
  restartOf?: (unit: SystemdUnit) => Promise<RestartSetting>
  members?: (group: number) => number[]
  procRoot?: string
}

function unitWarning(unit: SystemdUnit, restart: RestartSetting): string {
  const command = `systemctl${unit.manager === 'user' ? ' --user' : ''} stop ${unit.name}`
  if ('unknown' in restart) return `It runs as the systemd unit ${unit.name}; whether systemd restarts it is unknown: ${restart.unknown}. Stopping the unit (${command}) is the sure way.`
  const setting = `Restart=${restart.value}`
  if (RESTARTS_ON_TERM.has(restart.value)) return `systemd will restart ${unit.name} (${setting}): stop the unit instead.`
  if (RESTARTS_ON_KILL.has(restart.value)) return `systemd will restart ${unit.name} after a force stop (${setting}): stop the unit instead.`
  return `systemd will not restart ${unit.name} (${setting}), but the unit stays active if other processes remain in it: stopping the unit stops them all.`
}

/**
 * What stopping only the process leads to, and the command that stops what keeps it running: the unit,
 * the container, the process manager's entry, or the process group. Says only what provenance shows.
 */
export async function adviseStop(ctx: AdviceContext): Promise<StopAdvice> {
  const p = ctx.provenance
  const procRoot = ctx.procRoot ?? '/proc'
  const scopes: StopScope[] = ['process']
  let warning: string | null = null
  let command: string | null = null
  let container: StopAdvice['container'] = null
  let alternatives: StopAdvice['alternatives']
  const service = serviceStopAdvice(p)

  if (service) {
    ;({ warning, command, alternatives } = service)
  } else if (p?.container) {
    const shown = p.container.name ?? p.container.id.slice(0, 12)
    const cli = p.container.runtime === 'podman' ? 'podman' : p.container.runtime === 'docker' ? 'docker' : null
    warning = `It runs inside the ${p.container.runtime} container ${shown}: stopping the process alone may end the container or be undone by its restart policy; stop the container instead.`
    command = cli ? `${cli} stop ${shellWord(shown)}` : null
    if (ctx.canStopContainer && p.container.runtime === 'docker' && p.container.name) {
      container = { id: p.container.id, name: p.container.name }
      scopes.push('container')
    }
  } else if (p?.unit && p.unit.name.endsWith('.service')) {
    warning = unitWarning(p.unit, await (ctx.restartOf ?? systemdRestart)(p.unit))
    command = `systemctl${p.unit.manager === 'user' ? ' --user' : ''} stop ${shellWord(p.unit.name)}`
  } else if (p?.supervisor?.kind === 'process-manager') {
    const env = environment(ctx.pid, procRoot)
    const supervisor = `${p.supervisor.name} (pid ${p.supervisor.pid})`
    if (p.supervisor.name === 'pm2') {
      const app = env?.get('name') ?? env?.get('pm_id') ?? null
      warning = `pm2 (pid ${p.supervisor.pid}) will restart it: stop it through pm2 instead.`
      command = app ? `pm2 stop ${shellWord(app)}` : null
    } else if (p.supervisor.name === 'supervisord') {
      const program = env?.get('SUPERVISOR_PROCESS_NAME') ?? null
      warning = `supervisord (pid ${p.supervisor.pid}) restarts the programs it runs when set to autorestart: stop it through supervisorctl instead.`
      command = program ? `supervisorctl stop ${shellWord(program)}` : null
    } else if (p.supervisor.name === 'forever') {
      warning = `forever (pid ${p.supervisor.pid}) will restart it: stop it through forever instead.`
      command = `forever stop ${ctx.pid}`
    } else if (p.supervisor.name === 'nodemon') {
      warning = `${supervisor} started it and starts it again when watched files change: stop nodemon to end both.`
      command = `kill ${p.supervisor.pid}`
    } else {
      warning = `${supervisor} supervises it and may start it again.`
    }
  } else if (p?.supervisor?.kind === 'shell' && p.chain[1]?.pid === p.supervisor.pid) {
    warning = `It was started by ${p.supervisor.name} (pid ${p.supervisor.pid}), which is still running and may start it again (a loop or script): stop the process group instead.`
  }

  // The group: a dev server and its children, or a loop and what it runs; never one holding Portolan or its parent.
  let group: StopAdvice['group'] = null
  const groupId = p?.processGroup ?? null
  if (groupId !== null && groupId > 1) {
    const members = (ctx.members ?? ((g) => groupMembers(g, procRoot)))(groupId)
    const unsafe = members.some((m) => m === 1 || m === ctx.protect.self || m === ctx.protect.parent)
    if (!unsafe && members.length > 1 && members.includes(ctx.pid)) {
      const leader = p?.chain.find((link) => link.pid === groupId)?.name ?? readName(groupId, procRoot)
      group = { id: groupId, leader, members: members.length }
      scopes.push('group')
      command ??= `kill -TERM -- -${groupId}`
    }
  }
  return { warning, command, scopes, group, container, ...(alternatives && alternatives.length > 0 ? { alternatives } : {}) }
}

function readName(pid: number, procRoot: string): string | null {
  try {
    return readFileSync(`${procRoot}/${pid}/comm`, 'utf8').trim()
  } catch {
    return null
  }
}
