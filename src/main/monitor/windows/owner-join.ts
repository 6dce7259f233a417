import type { SocketRecord } from '../collector'
import { tcpStateName, UDP_STATE, type IpHelperSocket } from './ip-helper-tables'

/** The name a process snapshot gives a pid. */
export interface NamedProcess {
  name: string
}

/**
 * Table rows → records, named from a process snapshot. Windows reports every socket's owning pid without
 * elevation, so a missing owner is never "hidden": pid 0 is the System Idle Process, which the tables
 * name for sockets no process holds any more (TIME_WAIT), and a pid the snapshot lacks has exited since.
 */
export function joinOwners(sockets: readonly IpHelperSocket[], processes: ReadonlyMap<number, NamedProcess>): SocketRecord[] {
  return sockets.map((s) => {
    const pid = s.owningPid === 0 ? null : s.owningPid
    return {
      protocol: s.protocol,
      family: s.family,
      address: s.address,
      port: s.port,
      state: s.protocol === 'tcp' ? tcpStateName(s.stateCode) : UDP_STATE,
      remoteAddress: s.remoteAddress,
      remotePort: s.remotePort,
      pid,
      process: pid === null ? null : (processes.get(pid)?.name ?? null),
      uid: null,
      ownerHidden: false,
    }
  })
}
