import koffi from 'koffi'
import type { Protocol } from '../../../shared/row'
import { NetlinkReplyError, TCPDIAG_GETSOCK, bothFamiliesTcpDumpRequest, diagSocket, dumpRequest, scanDumpReply, type DiagSocket, type RecordDecoder, type RecordVisitor } from './netlink-messages'

const AF_NETLINK = 16
const SOCK_RAW = 3
const SOCK_CLOEXEC = 0x80000
const NETLINK_SOCK_DIAG = 4
const SOL_SOCKET = 1
const SO_RCVTIMEO = 20
const EINTR = 4
const SOCK_DIAG_BY_FAMILY = 20
/** Larger than the biggest skb the kernel builds for a dump (32 KiB), so no reply is ever cut. */
const RECEIVE_BUFFER_BYTES = 64 * 1024
/** A recv() that waits longer than this fails instead of hanging the worker forever. */
const RECEIVE_TIMEOUT_SECONDS = 5

interface Libc {
  socket(domain: number, type: number, protocol: number): number
  send(fd: number, buffer: Buffer, length: number, flags: number): number
  recv(fd: number, buffer: Buffer, length: number, flags: number): number
  setsockopt(fd: number, level: number, name: number, value: Buffer, length: number): number
  close(fd: number): number
}

let libc: Libc | null = null

function loadLibc(): Libc {
  if (libc) return libc
  const lib = koffi.load('libc.so.6')
  libc = {
    socket: lib.func('int socket(int, int, int)'),
    send: lib.func('intptr_t send(int, const void *, size_t, int)'),
    recv: lib.func('intptr_t recv(int, _Out_ void *, size_t, int)'),
    setsockopt: lib.func('int setsockopt(int, int, int, const void *, uint32_t)'),
    close: lib.func('int close(int)'),
  }
  return libc
}

function failure(call: string): Error {
  const errno = koffi.errno()
  return new NetlinkReplyError(`${call} on the sock_diag netlink socket failed: errno ${errno}`, errno)
}

/** A NETLINK_SOCK_DIAG socket, used synchronously: call it only off the main thread. */
export class SockDiagSocket {
  private readonly buffer = Buffer.alloc(RECEIVE_BUFFER_BYTES)
  private seq = 0

  private constructor(private readonly libc: Libc, private fd: number) {}

  static open(): SockDiagSocket {
    const c = loadLibc()
    const fd = c.socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_SOCK_DIAG)
    if (fd < 0) throw failure('socket()')
    const timeout = Buffer.alloc(2 * koffi.sizeof('long'))
    timeout.writeUIntLE(RECEIVE_TIMEOUT_SECONDS, 0, Math.min(6, timeout.length / 2))
    if (c.setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, timeout, timeout.length) < 0) {
      const error = failure('setsockopt(SO_RCVTIMEO)')
      c.close(fd)
      throw error
    }
    return new SockDiagSocket(c, fd)
  }

  /**
   * Every socket of one (family, protocol) whose state bit is set in `states`. With `rawReplies`, a
   * copy of each reply is added to it (for dumpFingerprint).
   */
  dump(family: number, protocol: number, protocolName: Protocol, states: number, rawReplies?: Buffer[]): DiagSocket[] {
    return this.dumpAs(family, protocol, protocolName, states, rawReplies)
  }

  /** The same dump, each record decoded by `decode` (a lighter record where the full one is not needed), with attributes asked for by `ext`. */
  dumpAs<T = DiagSocket>(family: number, protocol: number, protocolName: Protocol, states: number, rawReplies?: Buffer[], ext = 0, decode?: RecordDecoder<T>): T[] {
    const decodeRecord = decode ?? (diagSocket as unknown as RecordDecoder<T>)
    const sockets: T[] = []
    this.scan(family, protocol, states, ext, (buffer, offset, length) => sockets.push(decodeRecord(buffer, offset, protocolName, length)), undefined, rawReplies)
    return sockets
  }

  /**
   * The same dump, each record handed to `visit` in the receive buffer, valid only during the call
   * (nothing is decoded or kept). `bytecode`, an inet_diag_bc_op program, makes the kernel skip the
   * sockets it rejects before it fills in their records.
   */
  scan(family: number, protocol: number, states: number, ext: number, visit: RecordVisitor, bytecode?: Buffer, rawReplies?: Buffer[]): void {
    this.run(dumpRequest(family, protocol, states, this.nextSeq(), ext, bytecode), SOCK_DIAG_BY_FAMILY, visit, rawReplies)
  }

  /** scan() of TCP sockets of both families in one dump (TCPDIAG_GETSOCK), so the kernel walks its tables once. */
  scanTcpBothFamilies(states: number, ext: number, visit: RecordVisitor, bytecode?: Buffer): void {
    this.run(bothFamiliesTcpDumpRequest(states, this.nextSeq(), ext, bytecode), TCPDIAG_GETSOCK, visit)
  }

  private nextSeq(): number {
    if (this.fd < 0) throw new Error('the sock_diag socket is closed')
    this.seq = (this.seq + 1) >>> 0
    return this.seq
  }

  private run(request: Buffer, recordType: number, visit: RecordVisitor, rawReplies?: Buffer[]): void {
    if (this.libc.send(this.fd, request, request.length, 0) !== request.length) throw failure('send()')
    for (;;) {
      const received = this.libc.recv(this.fd, this.buffer, this.buffer.length, 0)
      if (received < 0) {
        if (koffi.errno() === EINTR) continue
        throw failure('recv()')
      }
      if (received === 0) throw new NetlinkReplyError('the kernel closed the sock_diag dump before NLMSG_DONE')
      rawReplies?.push(Buffer.from(this.buffer.subarray(0, received)))
      if (scanDumpReply(this.buffer, received, this.seq, visit, recordType)) return
    }
  }

  close(): void {
    if (this.fd >= 0) this.libc.close(this.fd)
    this.fd = -1
  }
}
