// Pure parsers for what the service control manager fills in (no FFI here, so the layouts are unit-tested on
// buffers built by the tests on any OS). The SCM writes structures whose string pointers point into the same
// buffer; each reader is given the buffer's address to turn a pointer back into an offset, and a pointer
// that falls outside the buffer is an error, never a read of other memory.
//
// Layouts (x64: pointers are 8 bytes, structures aligned to 8), from Microsoft's documentation (winsvc.h):
//   ENUM_SERVICE_STATUS_PROCESSW (56 bytes)
//     https://learn.microsoft.com/en-us/windows/win32/api/winsvc/ns-winsvc-enum_service_status_processw
//     lpServiceName +0, lpDisplayName +8, SERVICE_STATUS_PROCESS +16
//   SERVICE_STATUS_PROCESS (nine DWORDs)
//     https://learn.microsoft.com/en-us/windows/win32/api/winsvc/ns-winsvc-service_status_process
//     dwServiceType +0, dwCurrentState +4, dwControlsAccepted +8, dwWin32ExitCode +12,
//     dwServiceSpecificExitCode +16, dwCheckPoint +20, dwWaitHint +24, dwProcessId +28, dwServiceFlags +32
//   QUERY_SERVICE_CONFIGW
//     https://learn.microsoft.com/en-us/windows/win32/api/winsvc/ns-winsvc-query_service_configw
//     dwServiceType +0, dwStartType +4, dwErrorControl +8, then pointers
//   SERVICE_FAILURE_ACTIONSW
//     https://learn.microsoft.com/en-us/windows/win32/api/winsvc/ns-winsvc-service_failure_actionsw
//     dwResetPeriod +0, lpRebootMsg +8, lpCommand +16, cActions +24, lpsaActions +32
//   SC_ACTION (8 bytes): Type +0 (SC_ACTION_NONE 0, RESTART 1, REBOOT 2, RUN_COMMAND 3), Delay +4 (ms)
//     https://learn.microsoft.com/en-us/windows/win32/api/winsvc/ns-winsvc-sc_action
//   SERVICE_DELAYED_AUTO_START_INFO: BOOL fDelayedAutostart +0
//     https://learn.microsoft.com/en-us/windows/win32/api/winsvc/ns-winsvc-service_delayed_auto_start_info

export const ENUM_SERVICE_STATUS_PROCESS_BYTES = 56
const FAILURE_ACTIONS_BYTES = 40
const SC_ACTION_BYTES = 8

/** One running service as EnumServicesStatusExW lists it. */
export interface ServiceStatusEntry {
  name: string
  displayName: string
  /** SERVICE_WIN32_OWN_PROCESS 0x10, SERVICE_WIN32_SHARE_PROCESS 0x20 (plus flags). */
  serviceType: number
  /** SERVICE_RUNNING is 4. */
  state: number
  /** 0 while the service has no process (stopped). */
  pid: number
}

/** A UTF-16 string the SCM pointed to inside `buffer` (which sits at `base` in memory); null for a null pointer. */
export function stringAt(buffer: Buffer, base: bigint, pointer: bigint, length = buffer.length): string | null {
  if (pointer === 0n) return null
  const start = pointer - base
  if (start < 0n || start >= BigInt(length) || start % 2n !== 0n) throw new Error(`a service string points outside the SCM's buffer (${pointer} not within ${length} bytes at ${base})`)
  const from = Number(start)
  let end = from
  while (end + 1 < length && buffer.readUInt16LE(end) !== 0) end += 2
  if (end + 1 >= length) throw new Error('a service string runs past the end of the SCM\'s buffer')
  return buffer.toString('utf16le', from, end)
}

/** The `count` ENUM_SERVICE_STATUS_PROCESSW records EnumServicesStatusExW wrote at the start of `buffer`. */
export function parseServiceStatuses(buffer: Buffer, base: bigint, count: number): ServiceStatusEntry[] {
  if (count * ENUM_SERVICE_STATUS_PROCESS_BYTES > buffer.length) throw new Error(`EnumServicesStatusExW claims ${count} services but its buffer holds ${buffer.length} bytes`)
  const entries: ServiceStatusEntry[] = []
  for (let i = 0; i < count; i++) {
    const o = i * ENUM_SERVICE_STATUS_PROCESS_BYTES
    const name = stringAt(buffer, base, buffer.readBigUInt64LE(o))
    if (name === null) continue
    entries.push({
      name,
      // Windows gives a service without one its name as display name; Wine gives an empty string.
      displayName: stringAt(buffer, base, buffer.readBigUInt64LE(o + 8)) || name,
      serviceType: buffer.readUInt32LE(o + 16),
      state: buffer.readUInt32LE(o + 20),
      pid: buffer.readUInt32LE(o + 16 + 28),
    })
  }
  return entries
}

/** dwStartType of a QUERY_SERVICE_CONFIGW. */
export function parseStartType(buffer: Buffer): number {
  if (buffer.length < 8) throw new Error(`QUERY_SERVICE_CONFIGW is ${buffer.length} bytes, too short`)
  return buffer.readUInt32LE(4)
}

// SERVICE_START_TYPE values: https://learn.microsoft.com/en-us/windows/win32/api/winsvc/nf-winsvc-createservicew
const START_TYPES: Record<number, string> = { 0: 'boot', 1: 'system', 2: 'auto', 3: 'demand', 4: 'disabled' }

/** 'auto', 'delayed-auto', 'demand', 'disabled', 'boot', 'system'; null for a number Windows does not document. */
export function startTypeName(code: number, delayed: boolean): string | null {
  const name = START_TYPES[code] ?? null
  return name === 'auto' && delayed ? 'delayed-auto' : name
}

export const SC_ACTION_NONE = 0
export const SC_ACTION_RESTART = 1
export const SC_ACTION_REBOOT = 2
export const SC_ACTION_RUN_COMMAND = 3

export interface FailureActions {
  /** Seconds without failure after which the SCM resets its failure count. */
  resetSeconds: number
  /** The action for the first failure, the second, and every later one (the last repeats). */
  actions: Array<{ type: number; delayMs: number }>
  command: string | null
}

/** A SERVICE_FAILURE_ACTIONSW and the SC_ACTION array it points to (inside the same buffer). */
export function parseFailureActions(buffer: Buffer, base: bigint): FailureActions {
  if (buffer.length < FAILURE_ACTIONS_BYTES) throw new Error(`SERVICE_FAILURE_ACTIONSW is ${buffer.length} bytes, too short`)
  const count = buffer.readUInt32LE(24)
  const pointer = buffer.readBigUInt64LE(32)
  const actions: FailureActions['actions'] = []
  if (count > 0 && pointer !== 0n) {
    const start = pointer - base
    if (start < 0n || start + BigInt(count * SC_ACTION_BYTES) > BigInt(buffer.length)) {
      throw new Error(`the ${count} failure actions point outside the SCM's buffer`)
    }
    for (let i = 0; i < count; i++) {
      const o = Number(start) + i * SC_ACTION_BYTES
      actions.push({ type: buffer.readUInt32LE(o), delayMs: buffer.readUInt32LE(o + 4) })
    }
  }
  return { resetSeconds: buffer.readUInt32LE(0), actions, command: stringAt(buffer, base, buffer.readBigUInt64LE(16)) }
}

const ACTION_WORDS: Record<number, string> = {
  [SC_ACTION_NONE]: 'take no action',
  [SC_ACTION_RESTART]: 'restart the service',
  [SC_ACTION_REBOOT]: 'restart the computer',
  [SC_ACTION_RUN_COMMAND]: 'run a program',
}

/**
 * Whether the SCM restarts the service when its process ends without the service saying it stopped (a
 * killed process counts as a failure): yes when every action it may take next restarts it, no when none
 * restarts it or runs a program, unknown when it depends on how often it failed lately (a count the SCM
 * keeps to itself) or on what a program it runs does.
 */
export function recoveryRestarts(failure: FailureActions): { restarts: boolean | null; because: string } {
  const types = failure.actions.map((a) => a.type)
  if (types.length === 0) return { restarts: false, because: 'recovery: take no action' }
  const restart = types.filter((t) => t === SC_ACTION_RESTART).length
  if (restart === types.length) return { restarts: true, because: 'recovery: restart the service' }
  if (restart > 0) {
    const order = ['first', 'second', 'subsequent'] as const
    const when = types.map((t, i) => (t === SC_ACTION_RESTART ? order[Math.min(i, 2)] : null)).filter((w) => w !== null)
    return { restarts: null, because: `its recovery restarts it only after the ${when.join(' and ')} failure${when.length > 1 ? 's' : ''}, and Windows does not say how often it failed lately` }
  }
  if (types.includes(SC_ACTION_RUN_COMMAND)) {
    return { restarts: null, because: `its recovery runs a program${failure.command ? ` (${failure.command})` : ''}, which may start it again` }
  }
  const words = [...new Set(types.map((t) => ACTION_WORDS[t] ?? `action ${t}`))]
  return { restarts: false, because: `recovery: ${words.join(', then ')}` }
}
