// Which Windows services run in which process, from the service control manager: one EnumServicesStatusExW
// for every active service with its pid, then, only for the services a listener's process hosts, the start
// type (QueryServiceConfigW) and the recovery actions (QueryServiceConfig2W). All of it is allowed to a
// standard user (SC_MANAGER_ENUMERATE_SERVICE, SERVICE_QUERY_CONFIG).
import type { ServiceOrigin } from '../../../shared/provenance'
import {
  ENUM_SERVICE_STATUS_PROCESS_BYTES, parseFailureActions, parseServiceStatuses, parseStartType, recoveryRestarts,
  startTypeName, type ServiceStatusEntry,
} from './service-layout'
import { ERROR_INSUFFICIENT_BUFFER, type Handle, type ServiceApi } from './win32'

// Access rights and levels (winsvc.h): https://learn.microsoft.com/en-us/windows/win32/services/service-security-and-access-rights
const SC_MANAGER_CONNECT = 0x0001
const SC_MANAGER_ENUMERATE_SERVICE = 0x0004
const SERVICE_QUERY_CONFIG = 0x0001
// https://learn.microsoft.com/en-us/windows/win32/api/winsvc/nf-winsvc-enumservicesstatusexw
const SC_ENUM_PROCESS_INFO = 0
const SERVICE_WIN32 = 0x30
const SERVICE_ACTIVE = 0x1
// https://learn.microsoft.com/en-us/windows/win32/api/winsvc/nf-winsvc-queryserviceconfig2w
const SERVICE_CONFIG_FAILURE_ACTIONS = 2
const SERVICE_CONFIG_DELAYED_AUTO_START_INFO = 3
const ERROR_MORE_DATA = 234
const INITIAL_BYTES = 64 * 1024
/** Services come and go between calls; give up after this many rounds rather than loop. */
const MAX_ROUNDS = 16

function isValid(handle: Handle): handle is bigint {
  return handle !== null && handle !== 0n
}

/** The service control manager, opened to enumerate; throws with Windows' error when it will not open. */
export class ServiceManager {
  private readonly scm: bigint

  constructor(private readonly api: ServiceApi) {
    const scm = api.OpenSCManagerW(null, null, SC_MANAGER_CONNECT | SC_MANAGER_ENUMERATE_SERVICE)
    if (!isValid(scm)) throw new Error(`OpenSCManagerW failed with error ${api.GetLastError()}`)
    this.scm = scm
  }

  /** Every active Win32 service (own-process and shared), by the pid the SCM says hosts it. */
  servicesByPid(): Map<number, ServiceStatusEntry[]> {
    const byPid = new Map<number, ServiceStatusEntry[]>()
    let buffer = Buffer.alloc(INITIAL_BYTES)
    const resume: [number] = [0]
    for (let round = 1; ; round++) {
      const needed: [number] = [0]
      const returned: [number] = [0]
      const ok = this.api.EnumServicesStatusExW(this.scm, SC_ENUM_PROCESS_INFO, SERVICE_WIN32, SERVICE_ACTIVE, buffer, buffer.length, needed, returned, resume, null)
      const error = ok ? 0 : this.api.GetLastError()
      if (!ok && error !== ERROR_MORE_DATA) throw new Error(`EnumServicesStatusExW failed with error ${error}`)
      for (const entry of parseServiceStatuses(buffer, this.api.addressOf(buffer), returned[0])) {
        if (entry.pid === 0) continue
        byPid.set(entry.pid, [...(byPid.get(entry.pid) ?? []), entry])
      }
      if (ok) return byPid
      if (round >= MAX_ROUNDS) throw new Error(`EnumServicesStatusExW still had more services after ${round} rounds`)
      // The resume handle carries on where this call stopped; a bigger buffer takes the rest in fewer rounds.
      if (needed[0] > buffer.length) buffer = Buffer.alloc(Math.max(needed[0], buffer.length * 2, ENUM_SERVICE_STATUS_PROCESS_BYTES))
    }
  }

  /** What the SCM says about one service: its start type and whether its recovery restarts it. */
  origin(entry: ServiceStatusEntry): ServiceOrigin {
    const base = { manager: 'windows-scm', name: entry.name, displayName: entry.displayName, domain: null, pid: entry.pid } as const
    const service = this.api.OpenServiceW(this.scm, entry.name, SERVICE_QUERY_CONFIG)
    if (!isValid(service)) {
      const why = `the service manager would not open ${entry.name} to read its settings (error ${this.api.GetLastError()})`
      return { ...base, startType: null, restarts: null, restartsBecause: why }
    }
    try {
      const config = this.query((buffer, needed) => this.api.QueryServiceConfigW(service, buffer, buffer.length, needed))
      const delayed = this.query((buffer, needed) => this.api.QueryServiceConfig2W(service, SERVICE_CONFIG_DELAYED_AUTO_START_INFO, buffer, buffer.length, needed))
      const startType = 'buffer' in config ? startTypeName(parseStartType(config.buffer), 'buffer' in delayed && delayed.buffer.length >= 4 && delayed.buffer.readUInt32LE(0) !== 0) : null
      const failure = this.query((buffer, needed) => this.api.QueryServiceConfig2W(service, SERVICE_CONFIG_FAILURE_ACTIONS, buffer, buffer.length, needed))
      if (!('buffer' in failure)) {
        return { ...base, startType, restarts: null, restartsBecause: `the service manager did not give its recovery settings (QueryServiceConfig2W failed with error ${failure.error})` }
      }
      try {
        const { restarts, because } = recoveryRestarts(parseFailureActions(failure.buffer, this.api.addressOf(failure.buffer)))
        return { ...base, startType, restarts, restartsBecause: because }
      } catch (error) {
        // A malformed answer costs this one fact, never the collection.
        return { ...base, startType, restarts: null, restartsBecause: `its recovery settings could not be read (${error instanceof Error ? error.message : String(error)})` }
      }
    } finally {
      this.api.CloseServiceHandle(service)
    }
  }

  /** A Query* call made twice: once for the size it needs, once to fill a buffer of that size. */
  private query(call: (buffer: Buffer, needed: [number]) => number): { buffer: Buffer } | { error: number } {
    const needed: [number] = [0]
    let buffer = Buffer.alloc(256)
    for (let attempt = 0; attempt < 3; attempt++) {
      if (call(buffer, needed)) return { buffer }
      const error = this.api.GetLastError()
      if (error !== ERROR_INSUFFICIENT_BUFFER || needed[0] <= buffer.length) return { error }
      buffer = Buffer.alloc(needed[0])
    }
    return { error: ERROR_INSUFFICIENT_BUFFER }
  }

  close(): void {
    this.api.CloseServiceHandle(this.scm)
  }
}
