// A parser for lsof's field output (-F), the format lsof documents for other programs (lsof(8), OUTPUT FOR
// OTHER PROGRAMS): one field per line, its first character naming it. A process set starts at `p` (pid) and
// holds `c` (command) and `u` (uid); a file set starts at `f` (fd) and holds `t` (type: IPv4, IPv6), `P`
// (protocol: TCP, UDP), `n` (name: local[->remote] address) and `T` fields (TCP/TPI info, `TST=LISTEN`).
import type { Family, Protocol } from '../../../shared/row'
import { LISTEN_STATE, UNCONNECTED_STATE, type SocketRecord } from '../collector'
import { normalizeAddress, parsePortText } from '../address'

/** The field list Portolan asks lsof for (-F<fields>). */
export const LSOF_FIELDS = 'pcuftPnT'

interface FileSet {
  type: string | null
  protocol: string | null
  name: string | null
  tcpState: string | null
}

/** "127.0.0.1:8080", "[::1]:8080", "*:5353": address and port, or null when it is not that shape. */
export function splitEndpoint(text: string, family: Family): { address: string; port: number } | null {
  const colon = text.lastIndexOf(':')
  if (colon <= 0) return null
  const port = parsePortText(text.slice(colon + 1))
  if (port === null) return null
  const host = text.slice(0, colon)
  const address = host === '*' ? (family === 6 ? '::' : '0.0.0.0') : normalizeAddress(host)
  return address === '' ? null : { address, port }
}

function toRecord(pid: number, command: string | null, uid: number | null, file: FileSet): SocketRecord | null {
  const protocol: Protocol | null = file.protocol === 'TCP' ? 'tcp' : file.protocol === 'UDP' ? 'udp' : null
  const family: Family | null = file.type === 'IPv4' ? 4 : file.type === 'IPv6' ? 6 : null
  if (!protocol || !family || !file.name) return null
  // A name may carry a note after the addresses ("... (LISTEN)" in some builds): the endpoints come first.
  const [endpoints = ''] = file.name.split(' ')
  const [local = '', remote] = endpoints.split('->')
  const localEnd = splitEndpoint(local, family)
  if (!localEnd) return null
  const remoteEnd = remote ? splitEndpoint(remote, family) : null
  const state = protocol === 'tcp' ? (file.tcpState === 'LISTEN' ? LISTEN_STATE : (file.tcpState ?? 'UNKNOWN')) : remoteEnd ? 'ESTAB' : UNCONNECTED_STATE
  return {
    protocol,
    family,
    address: localEnd.address,
    port: localEnd.port,
    state,
    remoteAddress: remoteEnd?.address ?? null,
    remotePort: remoteEnd?.port ?? null,
    pid,
    process: command,
    uid,
  }
}

/** Every TCP/UDP file lsof listed, as records; lines it does not know are skipped, never guessed at. */
export function parseLsofFields(output: string): SocketRecord[] {
  const records: SocketRecord[] = []
  let pid: number | null = null
  let command: string | null = null
  let uid: number | null = null
  let file: FileSet | null = null
  const flush = (): void => {
    if (file && pid !== null) {
      const record = toRecord(pid, command, uid, file)
      if (record) records.push(record)
    }
    file = null
  }
  for (const line of output.split('\n')) {
    if (line === '') continue
    const field = line[0]
    const value = line.slice(1)
    switch (field) {
      case 'p': {
        flush()
        const n = Number(value)
        pid = Number.isInteger(n) && n > 0 ? n : null
        command = null
        uid = null
        break
      }
      case 'c': command = value === '' ? null : value; break
      case 'u': uid = /^\d+$/.test(value) ? Number(value) : null; break
      case 'f': flush(); file = { type: null, protocol: null, name: null, tcpState: null }; break
      case 't': if (file) file.type = value; break
      case 'P': if (file) file.protocol = value; break
      case 'n': if (file) file.name = value; break
      case 'T': if (file && value.startsWith('ST=')) file.tcpState = value.slice(3); break
      default: break
    }
  }
  flush()
  return records
}
