// libproc through koffi (macOS): the calls lsof and the menu-bar port monitors make.
import koffi from 'koffi'
import {
  PROC_ALL_PIDS, PROC_BSDINFO_BYTES, PROC_FDINFO_BYTES, PROC_PIDFDSOCKETINFO, PROC_PIDLISTFDS, PROC_PIDTBSDINFO,
  SOCKET_FDINFO_BYTES, parseBsdInfo, parseFdList, parsePidList, type BsdInfo,
} from './libproc-layout'

interface LibprocCalls {
  proc_listpids(type: number, typeinfo: number, buffer: Buffer | null, size: number): number
  proc_pidinfo(pid: number, flavor: number, arg: number, buffer: Buffer | null, size: number): number
  proc_pidfdinfo(pid: number, fd: number, flavor: number, buffer: Buffer, size: number): number
  proc_pidpath(pid: number, buffer: Buffer, size: number): number
}

const EPERM = 1
/** PROC_PIDPATHINFO_MAXSIZE: 4 * MAXPATHLEN. */
const PATH_BYTES = 4 * 1024

let calls: LibprocCalls | null = null

function load(): LibprocCalls {
  if (calls) return calls
  if (process.platform !== 'darwin') throw new Error('libproc exists only on macOS')
  const lib = koffi.load('/usr/lib/libSystem.B.dylib')
  calls = {
    proc_listpids: lib.func('int proc_listpids(uint32_t type, uint32_t typeinfo, _Out_ void *buffer, int size)'),
    proc_pidinfo: lib.func('int proc_pidinfo(int pid, int flavor, uint64_t arg, _Out_ void *buffer, int size)'),
    proc_pidfdinfo: lib.func('int proc_pidfdinfo(int pid, int fd, int flavor, _Out_ void *buffer, int size)'),
    proc_pidpath: lib.func('int proc_pidpath(int pid, _Out_ void *buffer, uint32_t size)'),
  }
  return calls
}

/** Why a process's fds could not be listed. */
export type FdListFailure = 'denied' | 'gone'

/** The libproc calls, with buffers kept between polls. */
export class Libproc {
  private readonly api = load()
  private pids = Buffer.alloc(4 * 4096)
  private fds = Buffer.alloc(PROC_FDINFO_BYTES * 256)
  private readonly socket = Buffer.alloc(SOCKET_FDINFO_BYTES)
  private readonly bsd = Buffer.alloc(PROC_BSDINFO_BYTES)
  private readonly path = Buffer.alloc(PATH_BYTES)

  /** Every pid now (the list can grow between the size query and the fill: room is left). */
  listPids(): number[] {
    const needed = this.api.proc_listpids(PROC_ALL_PIDS, 0, null, 0)
    if (needed <= 0) throw new Error(`proc_listpids failed (errno ${koffi.errno()})`)
    if (needed + 1024 > this.pids.length) this.pids = Buffer.alloc(needed * 2)
    const bytes = this.api.proc_listpids(PROC_ALL_PIDS, 0, this.pids, this.pids.length)
    if (bytes <= 0) throw new Error(`proc_listpids failed (errno ${koffi.errno()})`)
    return parsePidList(this.pids, bytes)
  }

  /** The socket fds of `pid`, or why they could not be read (another user's process without root, or exited). */
  socketFds(pid: number, socketType: number): number[] | FdListFailure {
    for (let attempt = 0; attempt < 3; attempt++) {
      const bytes = this.api.proc_pidinfo(pid, PROC_PIDLISTFDS, 0, this.fds, this.fds.length)
      if (bytes <= 0) return koffi.errno() === EPERM ? 'denied' : 'gone'
      if (bytes < this.fds.length) return parseFdList(this.fds, bytes).filter((f) => f.type === socketType).map((f) => f.fd)
      this.fds = Buffer.alloc(this.fds.length * 4)
    }
    return parseFdList(this.fds, this.fds.length).filter((f) => f.type === socketType).map((f) => f.fd)
  }

  /** The socket_fdinfo of one fd (a view of a buffer reused by the next call), or null when it closed. */
  socketInfo(pid: number, fd: number): Buffer | null {
    const bytes = this.api.proc_pidfdinfo(pid, fd, PROC_PIDFDSOCKETINFO, this.socket, this.socket.length)
    return bytes >= SOCKET_FDINFO_BYTES ? this.socket : null
  }

  bsdInfo(pid: number): BsdInfo | null {
    const bytes = this.api.proc_pidinfo(pid, PROC_PIDTBSDINFO, 0, this.bsd, this.bsd.length)
    return bytes > 0 ? parseBsdInfo(this.bsd, bytes) : null
  }

  executable(pid: number): string | null {
    const length = this.api.proc_pidpath(pid, this.path, this.path.length)
    return length > 0 ? this.path.toString('utf8', 0, length) : null
  }
}
