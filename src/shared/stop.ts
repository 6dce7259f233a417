// Stopping the process that holds a port: what the confirmation shows and what happened afterwards.
import type { Provenance } from './provenance'
import type { Protocol } from './row'

export interface HeldPort {
  protocol: Protocol
  address: string
  port: number
}

/** What the confirmation dialog shows before anything is signalled. */
export interface StopTarget {
  rowId: string
  pid: number
  name: string | null
  /** The executable's path; null when the OS does not tell us (another user's process, or not Linux). */
  executable: string | null
  commandLine: string[] | null
  user: string | null
  /** Epoch ms when the process started; null where unknown. */
  startTime: number | null
  /** Every listening socket the monitor lists under this pid. */
  ports: HeldPort[]
  /** Set when the socket's holder is not the process the row named (e.g. a forked child): say so. */
  note?: string
  /** Where the process comes from (unit, container, parents, project), where the OS tells it. */
  provenance?: Provenance | null
  /** What stopping only this process would lead to, and how to stop what keeps it running. */
  advice?: StopAdvice
}

/** What the stop acts on: the process, its process group, or the container it runs in (through the engine). */
export type StopScope = 'process' | 'group' | 'container'

export interface StopAdvice {
  /** One sentence on what happens after the process alone stops ("systemd will restart nginx.service …"); null when nothing is known to bring it back. */
  warning: string | null
  /** The exact command that stops what keeps it running (`systemctl stop nginx.service`), to copy; null when there is none. */
  command: string | null
  /** Other exact commands for the same (PowerShell's, or one that keeps a service from starting again), each with what it is for. */
  alternatives?: Array<{ label: string; command: string }>
  /** The scopes this dialog can stop, the process first. */
  scopes: StopScope[]
  /** The process group, when stopping it is offered: its leader and how many processes are in it. */
  group: { id: number; leader: string | null; members: number } | null
  /** The container, when stopping it through the engine is offered. */
  container: { id: string; name: string } | null
}

export type StopTargetAnswer = { ok: true; target: StopTarget } | { ok: false; message: string }

export interface StopOptions {
  /**
   * SIGKILL on Unix; TerminateProcess on Windows. Without it, Windows posts WM_CLOSE to the process's
   * windows (as taskkill without /F does) and sends nothing to a process that has none.
   */
  force: boolean
  /** What to stop; the process when omitted. */
  scope?: StopScope
}

export type StopResult =
  /** The process exited and the re-scan lists none of its ports. */
  | 'freed'
  /** Signalled, but still alive after the wait: offer to force when `canForce`. */
  | 'still-running'
  /** The process exited (or had), but another process holds its port now: see `takenBy`. */
  | 'port-taken-again'
  | 'permission-denied'
  /** Nothing was signalled: see `message` for why. */
  | 'refused'
  /** The process had exited before it was signalled; the port is free. */
  | 'gone-already'
  /** The process exited, but the re-scan failed or still lists it, so the port's state is unknown. */
  | 'unverified'

export interface PortHolder extends HeldPort {
  /** Null when the new holder is another user's process we cannot see. */
  pid: number | null
  process: string | null
}

export interface StopOutcome {
  result: StopResult
  /** One sentence the UI can show as it is. */
  message: string
  pid: number | null
  /** The signal actually delivered; null when none was. On Windows SIGTERM is the WM_CLOSE request, SIGKILL TerminateProcess. */
  signal: 'SIGTERM' | 'SIGKILL' | null
  /** The processes holding the target's ports after the re-scan, for 'port-taken-again'. */
  takenBy: PortHolder[]
  /** Whether the UI may offer "Force stop" next. */
  canForce: boolean
  /** For 'port-taken-again': what brought the port back, when provenance tells it ("the same parent, sh (pid 99)"). */
  broughtBackBy?: string | null
}
