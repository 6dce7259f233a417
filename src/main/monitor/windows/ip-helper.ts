// The IP Helper calls: GetExtendedTcpTable / GetExtendedUdpTable into a buffer that grows when too small.
import type { Family, Protocol } from '../../../shared/row'
import { TCP6_ROW_BYTES, TCP_ROW_BYTES, UDP6_ROW_BYTES, UDP_ROW_BYTES } from './ip-helper-tables'
import { ERROR_INSUFFICIENT_BUFFER, type Win32 } from './win32'

// Windows' address family numbers (ws2def.h): AF_INET6 is 23 there, not Linux's 10.
export const WINDOWS_AF_INET = 2
export const WINDOWS_AF_INET6 = 23
// TCP_TABLE_CLASS and UDP_TABLE_CLASS (iprtrmib.h):
// https://learn.microsoft.com/en-us/windows/win32/api/iprtrmib/ne-iprtrmib-tcp_table_class
export const TCP_TABLE_OWNER_PID_LISTENER = 3
export const TCP_TABLE_OWNER_PID_ALL = 5
export const UDP_TABLE_OWNER_PID = 1

const NO_ERROR = 0
/** The table can grow between the size query and the fill; give up after this many tries. */
const MAX_ATTEMPTS = 5
const INITIAL_BYTES = 16 * 1024

const ROW_BYTES: Record<Protocol, Record<Family, number>> = {
  tcp: { 4: TCP_ROW_BYTES, 6: TCP6_ROW_BYTES },
  udp: { 4: UDP_ROW_BYTES, 6: UDP6_ROW_BYTES },
}

/** One buffer per table, kept between polls and grown as needed. */
export class IpHelperTables {
  private readonly buffers = new Map<string, Buffer>()

  constructor(private readonly api: Win32) {}

  /**
   * The bytes of one table (header and rows, nothing after them): a copy, so callers may keep it
   * to compare with the next poll.
   */
  read(protocol: Protocol, family: Family, includeConnections: boolean): Buffer {
    const key = `${protocol}${family}`
    let buffer = this.buffers.get(key) ?? Buffer.alloc(INITIAL_BYTES)
    const af = family === 4 ? WINDOWS_AF_INET : WINDOWS_AF_INET6
    for (let attempt = 1; ; attempt++) {
      const size: [number] = [buffer.length]
      const result = protocol === 'tcp'
        ? this.api.GetExtendedTcpTable(buffer, size, 0, af, includeConnections ? TCP_TABLE_OWNER_PID_ALL : TCP_TABLE_OWNER_PID_LISTENER, 0)
        : this.api.GetExtendedUdpTable(buffer, size, 0, af, UDP_TABLE_OWNER_PID, 0)
      if (result === NO_ERROR) {
        this.buffers.set(key, buffer)
        const used = 4 + buffer.readUInt32LE(0) * ROW_BYTES[protocol][family]
        if (used > buffer.length) throw new Error(`GetExtended${protocol === 'tcp' ? 'Tcp' : 'Udp'}Table (IPv${family}) claims more rows than its buffer holds`)
        return Buffer.from(buffer.subarray(0, used))
      }
      if (result !== ERROR_INSUFFICIENT_BUFFER || attempt >= MAX_ATTEMPTS) {
        const why = result === ERROR_INSUFFICIENT_BUFFER ? `kept growing after ${attempt} tries` : `failed with error ${result}`
        throw new Error(`GetExtended${protocol === 'tcp' ? 'Tcp' : 'Udp'}Table (IPv${family}) ${why}`)
      }
      // Room for the sockets opened since the size was measured.
      buffer = Buffer.alloc(Math.max(size[0] + (size[0] >> 2), buffer.length * 2))
    }
  }
}
