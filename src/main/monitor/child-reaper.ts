import { readdirSync, readFileSync } from 'node:fs'
import { readStartTicks } from './linux/process-details'
import { parseProcStat } from './linux/proc-stat'

// Collectors that shell out (systeminformation runs `sh -c "netstat | grep"`, `ss`, `lsof`) cannot be told
// to stop their child processes. When the poller gives up on such a collection, this kills what the
// collection started: the children of this process that did not exist when it began, and their
// descendants. Node reaps its own child_process children, so no zombie stays behind. Linux only (/proc).

const PROC = '/proc'

function childrenFromScan(parent: number, procRoot: string): number[] {
  const children: number[] = []
  for (const entry of readdirSync(procRoot)) {
    if (!/^\d+$/.test(entry)) continue
    try {
      if (parseProcStat(readFileSync(`${procRoot}/${entry}/stat`, 'utf8'))?.ppid === parent) children.push(Number(entry))
    } catch {
      // exited while we looked
    }
  }
  return children
}

/**
 * The child processes of `parent`, zombies included (Linux). Reads /proc/<pid>/task/<tid>/children when
 * the kernel has it, else scans every /proc/<pid>/stat for the parent pid. Empty when the parent is gone.
 */
export function childPids(parent: number, procRoot = PROC): number[] {
  let tasks: string[]
  try {
    tasks = readdirSync(`${procRoot}/${parent}/task`)
  } catch {
    return []
  }
  try {
    const listed = tasks.flatMap((task) => readFileSync(`${procRoot}/${parent}/task/${task}/children`, 'utf8').split(' '))
    return [...new Set(listed.filter((pid) => pid.trim() !== '').map(Number))]
  } catch {
    // No CONFIG_PROC_CHILDREN, or a thread ended while we read.
    return childrenFromScan(parent, procRoot)
  }
}

/** A process named for good: pids are reused, (pid, start time) pairs are not. */
const identity = (pid: number, procRoot: string): string => `${pid}:${readStartTicks(procRoot, pid) ?? '?'}`

/** `root` and all its descendants, deepest first. */
function descendantsDeepestFirst(root: number, procRoot: string): number[] {
  return [...childPids(root, procRoot).flatMap((child) => descendantsDeepestFirst(child, procRoot)), root]
}

export interface ChildReaperOptions {
  /** The process whose new children are killed (this one by default; tests may point elsewhere). */
  parent?: number
  procRoot?: string
  kill?: (pid: number) => void
}

const sigkill = (pid: number): void => {
  try {
    process.kill(pid, 'SIGKILL')
  } catch {
    // already gone
  }
}

/**
 * Runs `work`; if `signal` aborts before it settles, SIGKILLs every child process of `parent` started
 * since `work` began, with their descendants. Children that existed before are never touched. Does
 * nothing beyond running `work` where /proc is not available.
 */
export async function killChildrenOnAbort<T>(signal: AbortSignal, work: () => Promise<T>, options: ChildReaperOptions = {}): Promise<T> {
  const parent = options.parent ?? process.pid
  const procRoot = options.procRoot ?? PROC
  if (process.platform !== 'linux' || signal.aborted) return work()
  const before = new Set(childPids(parent, procRoot).map((pid) => identity(pid, procRoot)))
  const onAbort = (): void => {
    reapNewChildren(parent, before, procRoot, options.kill ?? sigkill)
  }
  signal.addEventListener('abort', onAbort, { once: true })
  try {
    return await work()
  } finally {
    signal.removeEventListener('abort', onAbort)
  }
}

/** Kills the children of `parent` not in `before` (by identity), descendants first; returns the pids killed. */
export function reapNewChildren(parent: number, before: ReadonlySet<string>, procRoot: string, kill: (pid: number) => void): number[] {
  const fresh = childPids(parent, procRoot).filter((pid) => !before.has(identity(pid, procRoot)))
  const victims = fresh.flatMap((pid) => descendantsDeepestFirst(pid, procRoot))
  for (const pid of victims) kill(pid)
  return victims
}
