// What stopping only the process leads to when it runs as a Windows service or a launchd job, and the exact
// commands that stop the service instead.
import { serviceLabel, type ChainLink, type Provenance, type ServiceOrigin } from '../../shared/provenance'
import type { StopAdvice } from '../../shared/stop'

export type ServiceAdvice = Pick<StopAdvice, 'warning' | 'command' | 'alternatives'>

/** A name that means the same to cmd.exe and PowerShell, bare or in double quotes: no $, backtick, % or quotes. */
function sameInBothShells(name: string): boolean {
  return /^[\w. ()-]+$/.test(name)
}

/** A word for cmd.exe (and PowerShell, for names sameInBothShells allows): bare when safe, else double-quoted. */
function cmdWord(word: string): string {
  return /^[\w.-]+$/.test(word) ? word : `"${word}"`
}

/** A PowerShell string: bare when safe, else single-quoted with quotes doubled. */
function powerShellWord(word: string): string {
  return /^[\w.-]+$/.test(word) ? word : `'${word.replace(/'/g, "''")}'`
}

/** A POSIX shell word: bare when safe, else single-quoted. */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`
}

/**
 * The commands for one Windows service. `sc.exe` (not `sc`, which PowerShell takes for Set-Content), and
 * "start=" with its value as a separate word, as sc.exe requires:
 *   https://learn.microsoft.com/en-us/windows/win32/services/controlling-a-service-using-sc (sc.exe stop <servicename>)
 *   https://learn.microsoft.com/windows-server/administration/windows-commands/sc-config (start= disabled)
 *   https://learn.microsoft.com/powershell/module/microsoft.powershell.management/stop-service (Stop-Service -Name)
 *   https://learn.microsoft.com/powershell/module/microsoft.powershell.management/set-service (-StartupType Disabled)
 * sc.exe leads when its line runs the same in both shells. A name PowerShell would expand inside double quotes
 * (SQL Server's "MSSQL$SQLEXPRESS") gets PowerShell's single-quoted command first, and sc.exe's lines are
 * labelled for the Command Prompt.
 */
export function windowsServiceCommands(name: string): { command: string; alternatives: Array<{ label: string; command: string }> } {
  const scStop = `sc.exe stop ${cmdWord(name)}`
  const scDisable = `sc.exe config ${cmdWord(name)} start= disabled`
  const psStop = `Stop-Service -Name ${powerShellWord(name)}`
  const psDisable = `Set-Service -Name ${powerShellWord(name)} -StartupType Disabled`
  if (sameInBothShells(name)) {
    return {
      command: scStop,
      alternatives: [
        { label: 'PowerShell', command: psStop },
        { label: 'To keep it stopped', command: scDisable },
        { label: 'To keep it stopped (PowerShell)', command: psDisable },
      ],
    }
  }
  return {
    command: psStop,
    alternatives: [
      { label: 'Command Prompt', command: scStop },
      { label: 'To keep it stopped (PowerShell)', command: psDisable },
      { label: 'To keep it stopped (Command Prompt)', command: scDisable },
    ],
  }
}

/** Said once with every Windows service command: a standard user is refused ("Access is denied", error 5). */
const AS_ADMINISTRATOR = ' Stopping or disabling a service needs an administrator prompt.'

const HOMEBREW_LABEL = /^homebrew\.mxcl\.(.+)$/

/**
 * The commands for one launchd job: Homebrew's own for its services (homebrew.mxcl.<formula>), else
 * `launchctl bootout <domain>/<label>` (launchctl(1): bootout takes a service target, domain/label), with
 * sudo for the system domain; where the domain is unknown, the legacy `launchctl remove <label>`, which acts
 * on the caller's own domain. https://keith.github.io/xcode-man-pages/launchctl.1.html
 */
export function launchdCommands(job: ServiceOrigin): { command: string | null; alternatives: Array<{ label: string; command: string }> } {
  const bootout = job.domain ? `${job.domain === 'system' ? 'sudo ' : ''}launchctl bootout ${shellWord(`${job.domain}/${job.name}`)}` : null
  const formula = HOMEBREW_LABEL.exec(job.name)?.[1]
  if (formula) {
    const brew = `${job.domain === 'system' ? 'sudo ' : ''}brew services stop ${shellWord(formula)}`
    return { command: brew, alternatives: bootout ? [{ label: 'launchctl', command: bootout }] : [] }
  }
  return { command: bootout ?? `launchctl remove ${shellWord(job.name)}`, alternatives: [] }
}

function startsAtBoot(service: ServiceOrigin): string {
  if (service.startType === 'auto') return ' It also starts again at the next boot (startup type Automatic) unless it is disabled.'
  if (service.startType === 'delayed-auto') return ' It also starts again after the next boot (startup type Automatic, delayed) unless it is disabled.'
  return ''
}

/** The parent in the chain whose process the service or job is, when that is not the listener's own process. */
function hostParent(service: ServiceOrigin, p: Provenance): ChainLink | undefined {
  return service.pid !== null && service.pid !== p.chain[0]?.pid ? p.chain.find((link) => link.pid === service.pid) : undefined
}

function windowsAdvice(services: readonly ServiceOrigin[], p: Provenance): ServiceAdvice {
  const [first] = services
  if (!first) return { warning: null, command: null }
  const host = hostParent(first, p)
  if (services.length > 1) {
    const names = services.map(serviceLabel).join(', ')
    if (host) {
      return { warning: `It runs under ${host.name} (pid ${host.pid}), which hosts the Windows services ${names} and may start it again when it exits. Windows does not say which of them runs it.`, command: null }
    }
    const restarting = services.filter((s) => s.restarts === true).map(serviceLabel)
    return {
      warning: `Its process hosts ${services.length} Windows services (${names}): stopping it stops them all${restarting.length > 0 ? `, and Windows will restart ${restarting.join(', ')}` : ''}. Windows does not say which of them holds the port.`,
      command: null,
    }
  }
  const label = serviceLabel(first)
  const commands = windowsServiceCommands(first.name)
  const boot = startsAtBoot(first)
  let warning: string
  // Recovery acts on the service's own process: for a process it runs (through a wrapper), the wrapper decides.
  if (host) warning = `It runs under the Windows service ${label}, through ${host.name} (pid ${host.pid}), which may start it again when it exits: stop the service instead.${boot}`
  else if (first.restarts === true) warning = `Windows will restart ${first.displayName ?? first.name} (${first.restartsBecause ?? 'recovery: restart the service'}): stop the service instead.${boot}`
  else if (first.restarts === false) warning = `It runs as the Windows service ${label}, which Windows does not restart on failure (${first.restartsBecause ?? 'recovery: take no action'}); stopping the service is the clean way.${boot}`
  else warning = `It runs as the Windows service ${label}; whether Windows restarts it is unknown: ${first.restartsBecause ?? 'Windows did not say'}. Stopping the service (${commands.command}) is the sure way.${boot}`
  return { warning: `${warning}${AS_ADMINISTRATOR}`, ...commands }
}

function launchdAdvice(job: ServiceOrigin, p: Provenance): ServiceAdvice {
  const commands = launchdCommands(job)
  // The job may be the process's parent (a wrapper script the job runs): say so rather than "runs as".
  const host = hostParent(job, p)
  const runs = host ? `It runs under the launchd job ${job.name}, through ${host.name} (pid ${host.pid})` : `It runs as the launchd job ${job.name}`
  let warning: string
  if (job.restarts === true) warning = `launchd will restart ${job.name} (${job.restartsBecause ?? 'KeepAlive'})${host ? `, which runs it through ${host.name} (pid ${host.pid})` : ''}: stop the job instead.`
  else if (job.restarts === false) warning = `${runs}, which launchd does not keep alive (${job.restartsBecause ?? 'no KeepAlive'}); stopping the job is the clean way.`
  else warning = `${runs}; whether launchd restarts it is unknown: ${job.restartsBecause ?? 'launchctl did not say'}. Stopping the job is the sure way.`
  return { warning, ...commands }
}

/** Advice for a process that runs as a service or job; null when it runs as none. */
export function serviceStopAdvice(p: Provenance | null | undefined): ServiceAdvice | null {
  const services = p?.services ?? []
  const [first] = services
  if (!p || !first) return null
  return first.manager === 'launchd' ? launchdAdvice(first, p) : windowsAdvice(services, p)
}
