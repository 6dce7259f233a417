// A sock_diag bytecode program (INET_DIAG_REQ_BYTECODE, linux/inet_diag.h) that passes only sockets whose
// local port is one of a set: the listeners' ports, so the activity dump skips the client ends of
// connections (a browser's, a local client's) before the kernel fills in their tcp_info.
//
// The kernel runs the program per socket: each op {code u8, yes u8, no u16} tests the socket and moves
// `yes` or `no` bytes on; landing exactly on the end accepts, jumping 4 past it rejects. Its audit
// (inet_diag_bc_audit) walks the `yes` offsets only and checks every `no` lands on an op it walked, so
// here every `yes` falls through to the next op and only `no` jumps (always forward). The ports become a
// balanced decision tree of "port <= t" tests, so a socket costs about log2(2 × ranges) ops, not one per port.
import { endianness } from 'node:os'

const BC_JMP = 1
const BC_S_GE = 2
const BC_S_LE = 3
/** An op and, for a port comparison, the u32 holding the port. */
const OP_BYTES = 4
const PORT_OP_BYTES = 8
/** nla_len is a u16 that counts the 4-byte attribute header too. */
export const MAX_PROGRAM_BYTES = 0xffff - 4
/** A range costs at most two thresholds of 8 + 4 bytes (a comparison, sometimes a leaf jump). */
const BYTES_PER_RANGE = 24

/** Ranges one program holds by default: the kernel audits a program in time quadratic in its length (measured: 256 ranges, 5 kB, cost nothing next to the dump; 2,700, 52 kB, cost more than they saved). */
export const DEFAULT_MAX_RANGES = 256

type Target = 'accept' | 'reject' | { label: number }

interface Op {
  code: number
  /** The compared port (S_GE / S_LE); unused for JMP. */
  port: number
  no: Target
}

/** Consecutive ports as [lo, hi] ranges, sorted; merged across the smallest gaps until at most `maxRanges` remain. */
export function portRanges(ports: Iterable<number>, maxRanges: number): Array<[number, number]> {
  const sorted = [...new Set(ports)].filter((p) => Number.isInteger(p) && p >= 0 && p <= 0xffff).sort((a, b) => a - b)
  const ranges: Array<[number, number]> = []
  for (const port of sorted) {
    const last = ranges.at(-1)
    if (last && last[1] + 1 === port) last[1] = port
    else ranges.push([port, port])
  }
  if (ranges.length <= maxRanges) return ranges
  // Too many for one program: close the smallest gaps. The filter then passes a few extra sockets,
  // which the tracker skips as it would without any filter; it never drops a listener's connection.
  const gaps = ranges.slice(1).map((range, i) => ({ i, size: range[0] - (ranges[i]?.[1] ?? 0) }))
  gaps.sort((a, b) => a.size - b.size || a.i - b.i)
  const closed = new Set(gaps.slice(0, ranges.length - Math.max(1, maxRanges)).map((g) => g.i))
  const merged: Array<[number, number]> = []
  ranges.forEach((range, i) => {
    const last = merged.at(-1)
    if (last && closed.has(i - 1)) last[1] = range[1]
    else merged.push([range[0], range[1]])
  })
  return merged
}

/**
 * The program passing sockets whose local port is in `ports` (and, when there are more distinct runs
 * of ports than one program holds, a few ports between them). Ports outside 0–65535 are ignored.
 */
export function localPortFilter(ports: Iterable<number>, maxRanges = DEFAULT_MAX_RANGES): Buffer {
  const ranges = portRanges(ports, Math.min(maxRanges, Math.floor(MAX_PROGRAM_BYTES / BYTES_PER_RANGE)))
  // "port <= t" thresholds where membership changes; interval i lies between thresholds i - 1 and i.
  const thresholds: number[] = []
  const verdicts: boolean[] = [ranges[0]?.[0] === 0]
  for (const [lo, hi] of ranges) {
    if (lo > 0) {
      thresholds.push(lo - 1)
      verdicts.push(true)
    }
    if (hi < 0xffff) {
      thresholds.push(hi)
      verdicts.push(false)
    }
  }
  const ops: Op[] = []
  const labels: number[] = [] // label -> op index
  const verdict = (interval: number): Target => (verdicts[interval] === true ? 'accept' : 'reject')
  const emit = (a: number, b: number): void => {
    if (a === b) {
      ops.push({ code: BC_JMP, port: 0, no: verdict(a) })
      return
    }
    const m = (a + b) >> 1
    const t = thresholds[m] ?? 0
    if (m + 1 === b) {
      // The right side is one interval: jump straight to its verdict, fall into the left.
      ops.push({ code: BC_S_LE, port: t, no: verdict(b) })
      emit(a, m)
    } else if (a === m) {
      ops.push({ code: BC_S_GE, port: t + 1, no: verdict(a) })
      emit(m + 1, b)
    } else {
      const right = labels.push(-1) - 1
      ops.push({ code: BC_S_LE, port: t, no: { label: right } })
      emit(a, m)
      labels[right] = ops.length
      emit(m + 1, b)
    }
  }
  emit(0, thresholds.length)
  return encode(ops, labels)
}

function encode(ops: readonly Op[], labels: readonly number[]): Buffer {
  const offsets: number[] = []
  let length = 0
  for (const op of ops) {
    offsets.push(length)
    length += op.code === BC_JMP ? OP_BYTES : PORT_OP_BYTES
  }
  if (length > MAX_PROGRAM_BYTES) throw new Error(`port filter of ${length} bytes does not fit a netlink attribute`)
  const program = Buffer.alloc(length)
  const le = endianness() === 'LE'
  const u16 = (value: number, at: number): number => (le ? program.writeUInt16LE(value, at) : program.writeUInt16BE(value, at))
  ops.forEach((op, i) => {
    const at = offsets[i] ?? 0
    const size = op.code === BC_JMP ? OP_BYTES : PORT_OP_BYTES
    const to = op.no === 'accept' ? length : op.no === 'reject' ? length + 4 : (offsets[labels[op.no.label] ?? -1] ?? length + 4)
    program[at] = op.code
    program[at + 1] = size
    u16(to - at, at + 2)
    // The port sits in the `no` field of the op that follows a comparison.
    if (size === PORT_OP_BYTES) u16(op.port, at + 6)
  })
  return program
}
