// Stopping a process on Windows, where there are no signals. What exists:
//  - asking: post WM_CLOSE to the process's top-level windows, which is what `taskkill /PID <pid>` (without
//    /F) does. A windowed program may save, ask, or refuse; a console program or service has no window, and
//    Windows offers nothing else a foreign process could use to ask it politely (a console's Ctrl+Break
//    reaches only processes sharing that console).
//  - terminating: TerminateProcess (Node's process.kill on Windows, whatever the signal): immediate, and the
//    process runs no cleanup at all.
import { openProcess } from '../monitor/windows/windows-processes'
import { fileTimeToEpochMs, user32, win32, WM_CLOSE } from '../monitor/windows/win32'
import { sendSignal, type SignalResult } from './process-control'

export type CloseRequest =
  /** WM_CLOSE posted to this many windows. */
  | { result: 'asked'; windows: number }
  /** The process has no top-level window to ask. */
  | { result: 'no-window' }
  | { result: 'gone' }

/** Posts WM_CLOSE to every top-level window `pid` owns, as taskkill without /F does. */
export function askToClose(pid: number): CloseRequest {
  const api = user32()
  const windows: bigint[] = []
  api.forEachTopLevelWindow((window) => {
    if (api.windowPid(window) === pid) windows.push(window)
    return true
  })
  let asked = 0
  for (const window of windows) if (api.postMessage(window, WM_CLOSE, 0, 0)) asked++
  if (asked > 0) return { result: 'asked', windows: asked }
  return openProcess(win32(), pid, false).running ? { result: 'no-window' } : { result: 'gone' }
}

/** TerminateProcess, through Node (libuv opens the process with PROCESS_TERMINATE and terminates it). */
export function terminate(pid: number): SignalResult {
  return sendSignal(pid, 'SIGKILL')
}

/**
 * The process's creation time as FILETIME ticks (100 ns), a number exact to a few microseconds: with the
 * pid it names one process for good. Null when Windows will not open the process or it has exited.
 */
export function windowsStartTicks(pid: number): number | null {
  // An exited process still opens while anyone holds a handle to it (its parent, say): that is no process.
  const { creationTicks, running } = openProcess(win32(), pid, false)
  return creationTicks === null || !running ? null : Number(creationTicks)
}

/** What the confirmation shows about a Windows process, where it opens. */
export function windowsProcessFacts(pid: number): { executable: string | null; user: string | null; startTime: number | null } {
  const opened = openProcess(win32(), pid)
  return {
    executable: opened.executable,
    user: opened.user,
    startTime: opened.creationTicks === null ? null : fileTimeToEpochMs(opened.creationTicks),
  }
}
