// Which launchd job runs a process, from launchctl: `launchctl list` (the caller's own domain; as root, the
// system domain) gives every loaded job with the pid it runs as, and `launchctl print <domain>/<label>`
// whether launchd keeps it alive. Read only for the jobs of listeners not seen before.
import { execFileSync } from 'node:child_process'
import type { ServiceOrigin } from '../../../shared/provenance'

/** One row of `launchctl list`. */
export interface LaunchctlJob {
  /** Null when the job is loaded but not running ("-"). */
  pid: number | null
  /** The last exit status; negative for the signal that ended it; null when it has not exited ("-"). */
  status: number | null
  label: string
}

/**
 * `launchctl list` output. launchctl(1) documents it as three columns: the job's PID if it is running, its
 * last exit status (negative: the signal that killed it), and its label; launchctl prints a header line
 * ("PID\tStatus\tLabel") and separates the columns with tabs. https://keith.github.io/xcode-man-pages/launchctl.1.html
 * Lines in another shape are skipped, never guessed at.
 */
export function parseLaunchctlList(text: string): LaunchctlJob[] {
  const jobs: LaunchctlJob[] = []
  for (const line of text.split('\n')) {
    const [pid, status, label, ...rest] = line.split('\t')
    if (pid === undefined || status === undefined || !label || rest.length > 0) continue
    if (!/^(-|\d+)$/.test(pid) || !/^(-|-?\d+)$/.test(status)) continue
    jobs.push({ pid: pid === '-' ? null : Number(pid), status: status === '-' ? null : Number(status), label })
  }
  return jobs
}

/**
 * What `launchctl print` says about keeping a job alive. Its output "is not API" (launchctl(1)), so only its
 * one `properties = a | b | c` line of the job's own block (one tab deep) is read: "keepalive" there means
 * launchd starts the job again when it exits. Without it, a conditional KeepAlive may still apply, so
 * that is unknown, not "no".
 */
export function keepAliveFromPrint(text: string): Pick<ServiceOrigin, 'restarts' | 'restartsBecause'> {
  const line = /^\tproperties = (.*)$/m.exec(text)?.[1]
  const properties = line ? line.split('|').map((p) => p.trim()) : []
  if (properties.includes('keepalive')) return { restarts: true, restartsBecause: 'KeepAlive' }
  return { restarts: null, restartsBecause: 'launchctl print shows no KeepAlive for it, but a conditional KeepAlive would not show there' }
}

export type RunLaunchctl = (args: readonly string[]) => string

const runLaunchctl: RunLaunchctl = (args) => execFileSync('launchctl', args, { encoding: 'utf8', timeout: 5000, stdio: ['ignore', 'pipe', 'ignore'] })

/** The domains `launchctl list` may have listed a job from: the system domain as root, else the user's GUI, then user domain. */
function domainsToTry(uid: number): string[] {
  return uid === 0 ? ['system'] : [`gui/${uid}`, `user/${uid}`]
}

/** launchd's jobs by the pid they run as, and what launchd says about each when asked. */
export class LaunchdJobs {
  constructor(private readonly run: RunLaunchctl = runLaunchctl, private readonly uid: number = process.getuid?.() ?? -1) {}

  /** Every running job by pid; throws (launchctl's failure) when launchctl cannot be run. */
  byPid(): Map<number, string> {
    const jobs = new Map<number, string>()
    for (const job of parseLaunchctlList(this.run(['list']))) if (job.pid !== null) jobs.set(job.pid, job.label)
    return jobs
  }

  /** The job's domain and whether launchd keeps it alive, from `launchctl print`; unknown where it would not say. */
  origin(label: string, pid: number): ServiceOrigin {
    const base = { manager: 'launchd', name: label, displayName: null, startType: null, pid } as const
    for (const domain of domainsToTry(this.uid)) {
      let text: string
      try {
        text = this.run(['print', `${domain}/${label}`])
      } catch {
        continue
      }
      return { ...base, domain, ...keepAliveFromPrint(text) }
    }
    return { ...base, domain: null, restarts: null, restartsBecause: `launchctl print found ${label} in none of ${domainsToTry(this.uid).join(', ')}` }
  }
}
