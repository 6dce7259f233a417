import { randomBytes } from 'node:crypto'
import { closeSync, constants, fsyncSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'

/** A new file is private to the user; a replaced one keeps its permissions (e.g. a 0644 resource stays readable). */
function modeFor(path: string): number {
  try {
    return statSync(path).mode & 0o777
  } catch {
    return 0o600
  }
}

/** Windows has no O_NOFOLLOW; O_EXCL alone already refuses an existing name there. */
const CREATE_NEW = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0)

/** A name nobody can guess ahead of time, so nothing can be planted there. */
export function randomTempName(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(12).toString('hex')}.tmp`)
}

export interface AtomicWriteOptions {
  /** Where the temporary file goes; a fresh random name beside `path` unless said (tests plant files there). */
  tempName?: (path: string) => string
}

/** Creates a file that did not exist: never follows a symlink, never opens what someone else put there. */
export function createExclusive(path: string, mode: number): number {
  return openSync(path, CREATE_NEW, mode)
}

/** Writes every byte, looping over short writes; a write that makes no progress is a full disk. */
export function writeFully(fd: number, data: Uint8Array): void {
  let offset = 0
  while (offset < data.length) {
    const written = writeSync(fd, data, offset, data.length - offset)
    if (written <= 0) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' })
    offset += written
  }
}

/** Makes the rename itself durable. Filesystems that cannot sync a directory (EINVAL and the like) are let be. */
function syncDirectory(dir: string): void {
  if (process.platform === 'win32') return // a directory cannot be opened for fsync there
  let fd: number
  try {
    fd = openSync(dir, constants.O_RDONLY | (constants.O_DIRECTORY ?? 0))
  } catch {
    return
  }
  try {
    fsyncSync(fd)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EIO') throw error
  } finally {
    closeSync(fd)
  }
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd)
  } catch {
    // already failing: the first error is the one to report
  }
}

/**
 * Writes a file so that readers see the old content or the new, never half of it: a new temp file
 * (exclusive, random name), every byte written and fsynced, renamed over the target, the directory
 * fsynced. On any error the temp file is removed and the old file is left exactly as it was.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): void {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data
  mkdirSync(dirname(path), { recursive: true })
  const temp = (options.tempName ?? randomTempName)(path)
  const fd = createExclusive(temp, modeFor(path))
  let open = true
  try {
    writeFully(fd, bytes)
    fsyncSync(fd)
    open = false
    closeSync(fd) // NFS and the like report a failed write-back here
    renameSync(temp, path)
  } catch (error) {
    if (open) closeQuietly(fd)
    rmSync(temp, { force: true })
    throw error
  }
  syncDirectory(dirname(path))
}
