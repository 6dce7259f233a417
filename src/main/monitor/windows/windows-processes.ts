// Who owns a socket on Windows: names from a Toolhelp process snapshot (every process, no rights needed),
// paths, start times and users from the process itself where Windows lets us open it.
import type { ProcessDetails } from '../linux/process-details'
import {
  PROCESS_QUERY_LIMITED_INFORMATION, STILL_ACTIVE, TH32CS_SNAPPROCESS, TOKEN_QUERY, TOKEN_USER_CLASS,
  fileTimeToEpochMs, type Handle, type ProcessEntry, type Win32,
} from './win32'

/** One entry of the process snapshot. */
export interface SnapshotProcess {
  pid: number
  parentPid: number
  /** The executable's file name, as Toolhelp gives it ("node.exe"). */
  name: string
}

const INVALID_HANDLE_VALUE = 0xffff_ffff_ffff_ffffn
const LONG_PATH_CHARS = 32_768

function isValid(handle: Handle): handle is bigint {
  return handle !== null && handle !== 0n && handle !== INVALID_HANDLE_VALUE && handle !== 0xffff_ffffn
}

/** Every process Toolhelp lists now, by pid. */
export function snapshotProcesses(api: Win32): Map<number, SnapshotProcess> {
  const snapshot = api.CreateToolhelp32Snapshot(TH32CS_SNAPPROCESS, 0)
  if (!isValid(snapshot)) throw new Error(`CreateToolhelp32Snapshot failed with error ${api.GetLastError()}`)
  const processes = new Map<number, SnapshotProcess>()
  try {
    const entry: ProcessEntry = { dwSize: api.processEntryBytes, th32ProcessID: 0, th32ParentProcessID: 0, szExeFile: '' }
    for (let ok = api.Process32FirstW(snapshot, entry); ok; ok = api.Process32NextW(snapshot, entry)) {
      processes.set(entry.th32ProcessID, { pid: entry.th32ProcessID, parentPid: entry.th32ParentProcessID, name: entry.szExeFile })
      entry.dwSize = api.processEntryBytes
    }
  } finally {
    api.CloseHandle(snapshot)
  }
  return processes
}

/** What opening the process tells; every field null when Windows refuses (elevated, protected or gone). */
export interface OpenedProcess {
  executable: string | null
  /** FILETIME of creation, exact: with the pid it names one process for good (the pid-reuse guard). */
  creationTicks: bigint | null
  user: string | null
  /** False when the process exited but a handle keeps its pid alive. */
  running: boolean
}

function imagePath(api: Win32, handle: bigint): string | null {
  const buffer = Buffer.alloc(LONG_PATH_CHARS * 2)
  const size: [number] = [LONG_PATH_CHARS]
  return api.QueryFullProcessImageNameW(handle, 0, buffer, size) ? buffer.toString('utf16le', 0, size[0] * 2) : null
}

function creationTicks(api: Win32, handle: bigint): bigint | null {
  const creation = Buffer.alloc(8)
  const scratch: [Buffer, Buffer, Buffer] = [Buffer.alloc(8), Buffer.alloc(8), Buffer.alloc(8)]
  return api.GetProcessTimes(handle, creation, scratch[0], scratch[1], scratch[2]) ? creation.readBigUInt64LE(0) : null
}

/** DOMAIN\name of the process's token user; null when the token does not open (another user's process). */
function tokenUser(api: Win32, handle: bigint): string | null {
  const token: [Handle] = [null]
  if (!api.OpenProcessToken(handle, TOKEN_QUERY, token) || !isValid(token[0])) return null
  try {
    const needed: [number] = [0]
    api.GetTokenInformation(token[0], TOKEN_USER_CLASS, null, 0, needed)
    if (needed[0] === 0) return null
    const info = Buffer.alloc(needed[0])
    if (!api.GetTokenInformation(token[0], TOKEN_USER_CLASS, info, info.length, needed)) return null
    // TOKEN_USER starts with SID_AND_ATTRIBUTES, whose first field is the SID's address (inside `info`).
    const sid = info.length >= 8 ? info.readBigUInt64LE(0) : BigInt(info.readUInt32LE(0))
    const name = Buffer.alloc(512)
    const domain = Buffer.alloc(512)
    const nameChars: [number] = [256]
    const domainChars: [number] = [256]
    if (!api.LookupAccountSidW(null, sid, name, nameChars, domain, domainChars, [0])) return null
    const user = name.toString('utf16le', 0, nameChars[0] * 2)
    const where = domain.toString('utf16le', 0, domainChars[0] * 2)
    return where ? `${where}\\${user}` : user
  } finally {
    api.CloseHandle(token[0])
  }
}

/** Opens a process for query only (the least right there is) and reads what it allows. */
export function openProcess(api: Win32, pid: number, withDetails = true): OpenedProcess {
  const handle = api.OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, 0, pid)
  if (!isValid(handle)) return { executable: null, creationTicks: null, user: null, running: false }
  try {
    const code: [number] = [0]
    const running = !api.GetExitCodeProcess(handle, code) || code[0] === STILL_ACTIVE
    return {
      executable: withDetails ? imagePath(api, handle) : null,
      creationTicks: creationTicks(api, handle),
      user: withDetails ? tokenUser(api, handle) : null,
      running,
    }
  } finally {
    api.CloseHandle(handle)
  }
}

/**
 * Details of socket owners, read once per process (pid and creation time, or pid and name when the
 * process does not open) and kept while it lives.
 */
export class WindowsProcessCache {
  private byKey = new Map<string, ProcessDetails>()

  constructor(private readonly api: Win32) {}

  /** Details for each pid; `snapshot` gives the names. Entries of processes not asked for are dropped. */
  details(pids: Iterable<number>, snapshot: ReadonlyMap<number, SnapshotProcess>): Map<number, ProcessDetails> {
    const result = new Map<number, ProcessDetails>()
    const keep = new Map<string, ProcessDetails>()
    for (const pid of pids) {
      const listed = snapshot.get(pid)
      if (!listed) continue
      const opened = openProcess(this.api, pid, false)
      const key = `${pid}:${opened.creationTicks ?? `name:${listed.name}`}`
      let details = this.byKey.get(key)
      if (!details) {
        const full = opened.creationTicks === null ? opened : openProcess(this.api, pid)
        details = {
          pid,
          name: listed.name,
          executable: full.executable,
          commandLine: null,
          uid: null,
          user: full.user,
          startTime: full.creationTicks === null ? null : fileTimeToEpochMs(full.creationTicks),
        }
      }
      keep.set(key, details)
      result.set(pid, details)
    }
    this.byKey = keep
    return result
  }
}
