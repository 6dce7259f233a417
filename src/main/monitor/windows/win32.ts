// The Win32 functions Portolan calls through koffi, declared once per thread (koffi type names are global,
// so the collector's worker and the main thread's stop code share these declarations).
import koffi from 'koffi'

export type Handle = bigint | null

export interface ProcessEntry {
  dwSize: number
  th32ProcessID: number
  th32ParentProcessID: number
  szExeFile: string
}

export interface Win32 {
  GetExtendedTcpTable(table: Buffer, size: [number], order: number, family: number, tableClass: number, reserved: number): number
  GetExtendedUdpTable(table: Buffer, size: [number], order: number, family: number, tableClass: number, reserved: number): number
  CreateToolhelp32Snapshot(flags: number, pid: number): Handle
  Process32FirstW(snapshot: Handle, entry: ProcessEntry): number
  Process32NextW(snapshot: Handle, entry: ProcessEntry): number
  OpenProcess(access: number, inherit: number, pid: number): Handle
  QueryFullProcessImageNameW(process: Handle, flags: number, name: Buffer, size: [number]): number
  GetProcessTimes(process: Handle, creation: Buffer, exit: Buffer, kernel: Buffer, user: Buffer): number
  GetExitCodeProcess(process: Handle, code: [number]): number
  CloseHandle(handle: Handle): number
  GetLastError(): number
  OpenProcessToken(process: Handle, access: number, token: [Handle]): number
  GetTokenInformation(token: Handle, infoClass: number, info: Buffer | null, length: number, returned: [number]): number
  LookupAccountSidW(system: null, sid: bigint, name: Buffer, nameSize: [number], domain: Buffer, domainSize: [number], use: [number]): number
  /** The size koffi gives PROCESSENTRY32W on this architecture (dwSize must hold it). */
  processEntryBytes: number
}

export const ERROR_INSUFFICIENT_BUFFER = 122
export const TH32CS_SNAPPROCESS = 0x2
export const PROCESS_QUERY_LIMITED_INFORMATION = 0x1000
export const TOKEN_QUERY = 0x0008
export const TOKEN_USER_CLASS = 1
/** GetExitCodeProcess's answer for a process that has not exited. */
export const STILL_ACTIVE = 259
const MAX_PATH = 260

let bindings: Win32 | null = null

/** Loads iphlpapi, kernel32 and advapi32 once; throws (koffi's message) where they cannot be loaded. */
export function win32(): Win32 {
  if (bindings) return bindings
  if (process.platform !== 'win32') throw new Error('the Win32 API exists only on Windows')
  const HANDLE = koffi.pointer('PORTOLAN_HANDLE', koffi.opaque())
  const entry = koffi.struct('PORTOLAN_PROCESSENTRY32W', {
    dwSize: 'uint32_t',
    cntUsage: 'uint32_t',
    th32ProcessID: 'uint32_t',
    th32DefaultHeapID: 'uintptr_t',
    th32ModuleID: 'uint32_t',
    cntThreads: 'uint32_t',
    th32ParentProcessID: 'uint32_t',
    pcPriClassBase: 'int32_t',
    dwFlags: 'uint32_t',
    szExeFile: koffi.array('char16_t', MAX_PATH, 'String'),
  })
  const iphlpapi = koffi.load('iphlpapi.dll')
  const kernel32 = koffi.load('kernel32.dll')
  const advapi32 = koffi.load('advapi32.dll')
  bindings = {
    GetExtendedTcpTable: iphlpapi.func('uint32_t __stdcall GetExtendedTcpTable(_Out_ void *table, _Inout_ uint32_t *size, int order, uint32_t family, int tableClass, uint32_t reserved)'),
    GetExtendedUdpTable: iphlpapi.func('uint32_t __stdcall GetExtendedUdpTable(_Out_ void *table, _Inout_ uint32_t *size, int order, uint32_t family, int tableClass, uint32_t reserved)'),
    CreateToolhelp32Snapshot: kernel32.func('__stdcall', 'CreateToolhelp32Snapshot', HANDLE, ['uint32_t', 'uint32_t']),
    Process32FirstW: kernel32.func('__stdcall', 'Process32FirstW', 'int', [HANDLE, koffi.inout(koffi.pointer(entry))]),
    Process32NextW: kernel32.func('__stdcall', 'Process32NextW', 'int', [HANDLE, koffi.inout(koffi.pointer(entry))]),
    OpenProcess: kernel32.func('__stdcall', 'OpenProcess', HANDLE, ['uint32_t', 'int', 'uint32_t']),
    QueryFullProcessImageNameW: kernel32.func('__stdcall', 'QueryFullProcessImageNameW', 'int', [HANDLE, 'uint32_t', koffi.out(koffi.pointer('void')), koffi.inout(koffi.pointer('uint32_t'))]),
    GetProcessTimes: kernel32.func('__stdcall', 'GetProcessTimes', 'int', [HANDLE, koffi.out(koffi.pointer('void')), koffi.out(koffi.pointer('void')), koffi.out(koffi.pointer('void')), koffi.out(koffi.pointer('void'))]),
    GetExitCodeProcess: kernel32.func('__stdcall', 'GetExitCodeProcess', 'int', [HANDLE, koffi.out(koffi.pointer('uint32_t'))]),
    CloseHandle: kernel32.func('__stdcall', 'CloseHandle', 'int', [HANDLE]),
    GetLastError: kernel32.func('uint32_t __stdcall GetLastError()'),
    OpenProcessToken: advapi32.func('__stdcall', 'OpenProcessToken', 'int', [HANDLE, 'uint32_t', koffi.out(koffi.pointer(HANDLE))]),
    GetTokenInformation: advapi32.func('__stdcall', 'GetTokenInformation', 'int', [HANDLE, 'int', koffi.out(koffi.pointer('void')), 'uint32_t', koffi.out(koffi.pointer('uint32_t'))]),
    LookupAccountSidW: advapi32.func('__stdcall', 'LookupAccountSidW', 'int', ['const char16_t *', 'void *', koffi.out(koffi.pointer('void')), koffi.inout(koffi.pointer('uint32_t')), koffi.out(koffi.pointer('void')), koffi.inout(koffi.pointer('uint32_t')), koffi.out(koffi.pointer('int'))]),
    processEntryBytes: koffi.sizeof(entry),
  }
  return bindings
}

/** FILETIME (100 ns ticks since 1601-01-01 UTC) → epoch ms. */
export function fileTimeToEpochMs(ticks: bigint): number {
  const EPOCH_DIFFERENCE_MS = 11_644_473_600_000n
  return Number(ticks / 10_000n - EPOCH_DIFFERENCE_MS)
}

export interface User32 {
  /** Calls `visit` with every top-level window's handle until it returns false. */
  forEachTopLevelWindow(visit: (window: bigint) => boolean): void
  /** The pid that created `window`. */
  windowPid(window: bigint): number
  /** Queues a message for `window`'s thread; false when Windows refuses. */
  postMessage(window: bigint, message: number, wParam: number, lParam: number): boolean
}

export const WM_CLOSE = 0x0010

let user32Bindings: User32 | null = null

/** user32 for the stop path only (the collector's worker never loads it). */
export function user32(): User32 {
  if (user32Bindings) return user32Bindings
  if (process.platform !== 'win32') throw new Error('the Win32 API exists only on Windows')
  const lib = koffi.load('user32.dll')
  const EnumWindowsProc = koffi.proto('int __stdcall PORTOLAN_WNDENUMPROC(void *window, intptr_t context)')
  const EnumWindows = lib.func('__stdcall', 'EnumWindows', 'int', [koffi.pointer(EnumWindowsProc), 'intptr_t'])
  const GetWindowThreadProcessId = lib.func('__stdcall', 'GetWindowThreadProcessId', 'uint32_t', ['void *', koffi.out(koffi.pointer('uint32_t'))])
  const PostMessageW = lib.func('__stdcall', 'PostMessageW', 'int', ['void *', 'uint32_t', 'uintptr_t', 'intptr_t'])
  user32Bindings = {
    forEachTopLevelWindow(visit) {
      EnumWindows((window: bigint) => (visit(window) ? 1 : 0), 0)
    },
    windowPid(window) {
      const pid: [number] = [0]
      GetWindowThreadProcessId(window, pid)
      return pid[0]
    },
    postMessage(window, message, wParam, lParam) {
      return PostMessageW(window, message, wParam, lParam) !== 0
    },
  }
  return user32Bindings
}

/** The service control manager's query calls (advapi32), for which service a process hosts. */
export interface ServiceApi {
  OpenSCManagerW(machine: null, database: null, access: number): Handle
  EnumServicesStatusExW(scm: Handle, infoLevel: number, serviceType: number, serviceState: number, services: Buffer, size: number, needed: [number], returned: [number], resume: [number], group: null): number
  OpenServiceW(scm: Handle, name: string, access: number): Handle
  QueryServiceConfigW(service: Handle, config: Buffer, size: number, needed: [number]): number
  QueryServiceConfig2W(service: Handle, infoLevel: number, buffer: Buffer, size: number, needed: [number]): number
  CloseServiceHandle(handle: Handle): number
  GetLastError(): number
  /** Where a buffer's bytes are in memory: the SCM's answers point into the buffer they fill. */
  addressOf(buffer: Buffer): bigint
}

let serviceBindings: ServiceApi | null = null

/** advapi32's service calls, loaded once; throws (koffi's message) where they cannot be loaded. */
export function serviceApi(): ServiceApi {
  if (serviceBindings) return serviceBindings
  if (process.platform !== 'win32') throw new Error('the Win32 API exists only on Windows')
  const HANDLE = koffi.pointer('PORTOLAN_SC_HANDLE', koffi.opaque())
  const advapi32 = koffi.load('advapi32.dll')
  const kernel32 = koffi.load('kernel32.dll')
  const out = (type: string) => koffi.out(koffi.pointer(type))
  serviceBindings = {
    OpenSCManagerW: advapi32.func('__stdcall', 'OpenSCManagerW', HANDLE, ['const char16_t *', 'const char16_t *', 'uint32_t']),
    EnumServicesStatusExW: advapi32.func('__stdcall', 'EnumServicesStatusExW', 'int', [HANDLE, 'int', 'uint32_t', 'uint32_t', out('void'), 'uint32_t', out('uint32_t'), out('uint32_t'), koffi.inout(koffi.pointer('uint32_t')), 'const char16_t *']),
    OpenServiceW: advapi32.func('__stdcall', 'OpenServiceW', HANDLE, [HANDLE, 'const char16_t *', 'uint32_t']),
    QueryServiceConfigW: advapi32.func('__stdcall', 'QueryServiceConfigW', 'int', [HANDLE, out('void'), 'uint32_t', out('uint32_t')]),
    QueryServiceConfig2W: advapi32.func('__stdcall', 'QueryServiceConfig2W', 'int', [HANDLE, 'uint32_t', out('void'), 'uint32_t', out('uint32_t')]),
    CloseServiceHandle: advapi32.func('__stdcall', 'CloseServiceHandle', 'int', [HANDLE]),
    GetLastError: kernel32.func('uint32_t __stdcall GetLastError()'),
    addressOf: (buffer) => koffi.address(buffer),
  }
  return serviceBindings
}
