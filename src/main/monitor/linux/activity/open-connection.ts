import type { Family, Protocol } from '../../../../shared/row'
import { AF_INET, AF_INET6, NetlinkReplyError } from '../netlink-messages'
import { formatIpv6 } from '../proc-net'
import { tcpInfoAttribute, type TcpInfo } from './tcp-info'

const INET_DIAG_MSG_BYTES = 72

/** An open connection as activity needs it: no remote end, the local address left raw until it is needed. */
export interface OpenConnection {
  family: Family
  port: number
  inode: number
  info: TcpInfo | null
  /** The local address as RFC 5952 / dotted text, formatted on first use. */
  address(): string
}

function formatAddress(family: Family, raw: Buffer): string {
  return family === 4 ? `${raw[0]}.${raw[1]}.${raw[2]}.${raw[3]}` : formatIpv6(raw)
}

/** A RecordDecoder for the activity dump: about a third of the work of a full DiagSocket per connection. */
export function decodeOpenConnection(buffer: Buffer, offset: number, _protocol: Protocol, length: number): OpenConnection {
  const familyCode = buffer[offset]
  if (familyCode !== AF_INET && familyCode !== AF_INET6) throw new NetlinkReplyError(`sock_diag record has address family ${familyCode}, not AF_INET or AF_INET6`)
  const family: Family = familyCode === AF_INET ? 4 : 6
  // Kept as hex (one native call), formatted only when several listeners share the port.
  const hex = buffer.toString('hex', offset + 8, offset + (family === 4 ? 12 : 24))
  let text: string | null = null
  return {
    family,
    port: buffer.readUInt16BE(offset + 4),
    inode: buffer.readUInt32LE(offset + 68),
    info: length > INET_DIAG_MSG_BYTES ? tcpInfoAttribute(buffer, offset + INET_DIAG_MSG_BYTES, offset + length) : null,
    address: () => (text ??= formatAddress(family, Buffer.from(hex, 'hex'))),
  }
}
