import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs'
import { open } from 'node:fs/promises'

/** A path that names something other than a plain file of sane size: refused before anything is read. */
export class FileRefusedError extends Error {
  override name = 'FileRefusedError'
}

/**
 * O_NONBLOCK so that opening a FIFO returns at once instead of waiting for a writer (fstat then refuses
 * it); it changes nothing for a regular file. Windows has no such flag and no FIFOs at a path.
 */
const READ_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0)
const CHUNK_BYTES = 1 << 20

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory'
  if (stats.isFIFO()) return 'a named pipe (FIFO)'
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device'
  if (stats.isSocket()) return 'a socket'
  return 'something else'
}

function checkOpened(stats: Stats, maxBytes: number): void {
  if (!stats.isFile()) throw new FileRefusedError(`it is ${kindOf(stats)}, not a regular file`)
  if (stats.size > maxBytes) throw new FileRefusedError(`it is ${stats.size} bytes, more than the ${maxBytes}-byte limit`)
}

function tooLarge(maxBytes: number): FileRefusedError {
  return new FileRefusedError(`it grew past the ${maxBytes}-byte limit while being read`)
}

/** The whole content of a regular file of at most `maxBytes`; anything else throws (FileRefusedError or the errno). */
export function readRegularFileSync(path: string, maxBytes: number): Buffer {
  const fd = openSync(path, READ_FLAGS)
  try {
    checkOpened(fstatSync(fd), maxBytes)
    const chunks: Buffer[] = []
    let total = 0
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, maxBytes - total + 1))
      const read = readSync(fd, chunk, 0, chunk.length, null)
      if (read === 0) break
      total += read
      if (total > maxBytes) throw tooLarge(maxBytes)
      chunks.push(chunk.subarray(0, read))
    }
    return Buffer.concat(chunks, total)
  } finally {
    closeSync(fd)
  }
}

/** readRegularFileSync without blocking the event loop, and stopped by `signal` between chunks. */
export async function readRegularFile(path: string, maxBytes: number, signal?: AbortSignal): Promise<Buffer> {
  signal?.throwIfAborted()
  const handle = await open(path, READ_FLAGS)
  try {
    checkOpened(await handle.stat(), maxBytes)
    const chunks: Buffer[] = []
    let total = 0
    for (;;) {
      signal?.throwIfAborted()
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, maxBytes - total + 1))
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null)
      if (bytesRead === 0) break
      total += bytesRead
      if (total > maxBytes) throw tooLarge(maxBytes)
      chunks.push(chunk.subarray(0, bytesRead))
    }
    return Buffer.concat(chunks, total)
  } finally {
    await handle.close()
  }
}
