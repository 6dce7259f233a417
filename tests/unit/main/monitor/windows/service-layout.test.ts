// The SCM structure parsers on buffers laid out as Microsoft documents them (x64), with string pointers into
// the buffer at a made-up base address: what EnumServicesStatusExW and QueryServiceConfig2W write.
import { describe, expect, it } from 'vitest'
import {
  ENUM_SERVICE_STATUS_PROCESS_BYTES, parseFailureActions, parseServiceStatuses, parseStartType, recoveryRestarts,
  SC_ACTION_NONE, SC_ACTION_REBOOT, SC_ACTION_RESTART, SC_ACTION_RUN_COMMAND, startTypeName, stringAt,
} from '../../../../../src/main/monitor/windows/service-layout'

const BASE = 0x7ff0_0000_1000n

/** Writes a NUL-terminated UTF-16 string at `offset` and returns its pointer. */
function putString(buffer: Buffer, offset: number, text: string): bigint {
  buffer.write(`${text}\0`, offset, 'utf16le')
  return BASE + BigInt(offset)
}

function statusBuffer(services: Array<{ name: string; display: string; type: number; state: number; pid: number }>): Buffer {
  const buffer = Buffer.alloc(4096)
  let strings = services.length * ENUM_SERVICE_STATUS_PROCESS_BYTES
  services.forEach((s, i) => {
    const o = i * ENUM_SERVICE_STATUS_PROCESS_BYTES
    buffer.writeBigUInt64LE(putString(buffer, strings, s.name), o)
    strings += (s.name.length + 1) * 2
    buffer.writeBigUInt64LE(putString(buffer, strings, s.display), o + 8)
    strings += (s.display.length + 1) * 2
    buffer.writeUInt32LE(s.type, o + 16)
    buffer.writeUInt32LE(s.state, o + 20)
    buffer.writeUInt32LE(s.pid, o + 16 + 28)
  })
  return buffer
}

describe('ENUM_SERVICE_STATUS_PROCESSW', () => {
  it('reads each service with its name, display name, type, state and pid, shared hosts included', () => {
    const buffer = statusBuffer([
      { name: 'Dnscache', display: 'DNS Client', type: 0x20, state: 4, pid: 1764 },
      { name: 'Dhcp', display: 'DHCP Client', type: 0x20, state: 4, pid: 1764 },
      { name: 'Spooler', display: 'Print Spooler', type: 0x110, state: 4, pid: 3012 },
    ])
    expect(parseServiceStatuses(buffer, BASE, 3)).toEqual([
      { name: 'Dnscache', displayName: 'DNS Client', serviceType: 0x20, state: 4, pid: 1764 },
      { name: 'Dhcp', displayName: 'DHCP Client', serviceType: 0x20, state: 4, pid: 1764 },
      { name: 'Spooler', displayName: 'Print Spooler', serviceType: 0x110, state: 4, pid: 3012 },
    ])
  })

  it('refuses a count the buffer cannot hold and pointers outside the buffer, rather than read other memory', () => {
    const buffer = statusBuffer([{ name: 'A', display: 'A', type: 0x10, state: 4, pid: 1 }])
    expect(() => parseServiceStatuses(buffer, BASE, 1000)).toThrow(/claims 1000 services/)
    buffer.writeBigUInt64LE(BASE + 10_000n, 0)
    expect(() => parseServiceStatuses(buffer, BASE, 1)).toThrow(/outside the SCM's buffer/)
    buffer.writeBigUInt64LE(BASE - 2n, 0)
    expect(() => parseServiceStatuses(buffer, BASE, 1)).toThrow(/outside/)
  })

  it('refuses a string with no terminator inside the buffer', () => {
    const buffer = Buffer.from('abcd', 'utf16le')
    expect(() => stringAt(buffer, BASE, BASE)).toThrow(/runs past the end/)
    expect(stringAt(buffer, BASE, 0n)).toBeNull()
  })
})

describe('QUERY_SERVICE_CONFIGW and start types', () => {
  it('reads dwStartType at +4 and names it, delayed auto-start included', () => {
    const config = Buffer.alloc(64)
    config.writeUInt32LE(0x10, 0)
    config.writeUInt32LE(2, 4)
    expect(parseStartType(config)).toBe(2)
    expect(startTypeName(2, false)).toBe('auto')
    expect(startTypeName(2, true)).toBe('delayed-auto')
    expect(startTypeName(3, true)).toBe('demand')
    expect(startTypeName(4, false)).toBe('disabled')
    expect(startTypeName(9, false)).toBeNull()
    expect(() => parseStartType(Buffer.alloc(4))).toThrow(/too short/)
  })
})

/** SERVICE_FAILURE_ACTIONSW with its SC_ACTION array right after it (where the SCM puts it). */
function failureBuffer(actions: Array<[number, number]>, reset = 86_400, command: string | null = null): Buffer {
  const buffer = Buffer.alloc(512)
  buffer.writeUInt32LE(reset, 0)
  buffer.writeUInt32LE(actions.length, 24)
  const arrayAt = 40
  buffer.writeBigUInt64LE(actions.length > 0 ? BASE + BigInt(arrayAt) : 0n, 32)
  actions.forEach(([type, delay], i) => {
    buffer.writeUInt32LE(type, arrayAt + i * 8)
    buffer.writeUInt32LE(delay, arrayAt + i * 8 + 4)
  })
  if (command) buffer.writeBigUInt64LE(putString(buffer, 200, command), 16)
  return buffer
}

describe('SERVICE_FAILURE_ACTIONSW', () => {
  it('reads the reset period, the actions in order and the command', () => {
    const failure = parseFailureActions(failureBuffer([[SC_ACTION_RESTART, 60_000], [SC_ACTION_RESTART, 120_000], [SC_ACTION_NONE, 0]], 3600, 'C:\\notify.cmd'), BASE)
    expect(failure).toEqual({
      resetSeconds: 3600,
      actions: [{ type: SC_ACTION_RESTART, delayMs: 60_000 }, { type: SC_ACTION_RESTART, delayMs: 120_000 }, { type: SC_ACTION_NONE, delayMs: 0 }],
      command: 'C:\\notify.cmd',
    })
  })

  it('refuses actions that point outside the buffer', () => {
    const buffer = failureBuffer([[SC_ACTION_RESTART, 1]])
    buffer.writeUInt32LE(1000, 24)
    expect(() => parseFailureActions(buffer, BASE)).toThrow(/outside the SCM's buffer/)
  })

  it('says the SCM restarts a service only when every action it may take restarts it; unknown when it depends on the failure count', () => {
    const restarts = (actions: Array<[number, number]>) => recoveryRestarts(parseFailureActions(failureBuffer(actions), BASE))
    expect(restarts([[SC_ACTION_RESTART, 1000]])).toEqual({ restarts: true, because: 'recovery: restart the service' })
    expect(restarts([])).toEqual({ restarts: false, because: 'recovery: take no action' })
    expect(restarts([[SC_ACTION_NONE, 0], [SC_ACTION_NONE, 0]])).toEqual({ restarts: false, because: 'recovery: take no action' })
    expect(restarts([[SC_ACTION_NONE, 0], [SC_ACTION_REBOOT, 0]])).toEqual({ restarts: false, because: 'recovery: take no action, then restart the computer' })
    expect(restarts([[SC_ACTION_RUN_COMMAND, 0]])).toEqual({ restarts: null, because: 'its recovery runs a program, which may start it again' })
    expect(restarts([[SC_ACTION_RESTART, 1000], [SC_ACTION_RESTART, 1000], [SC_ACTION_NONE, 0]])).toEqual({
      restarts: null,
      because: 'its recovery restarts it only after the first and second failures, and Windows does not say how often it failed lately',
    })
    expect(restarts([[SC_ACTION_NONE, 0], [SC_ACTION_NONE, 0], [SC_ACTION_RESTART, 0]]).because).toMatch(/only after the subsequent failure,/)
  })
})
