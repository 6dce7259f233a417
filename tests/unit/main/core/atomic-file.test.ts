import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest'
import { writeFileAtomic } from '../../../../src/main/core/atomic-file'
import { mountSmallDisk } from '../../../helpers/tmpfs'

const dirs: string[] = []
function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'portolan-atomic-'))
  dirs.push(dir)
  return dir
}
afterEach(() => {
  vi.restoreAllMocks()
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('writeFileAtomic', () => {
  it('replaces the content, keeps a replaced file\'s mode, makes a new file private, leaves no temp file', () => {
    const dir = freshDir()
    const shared = join(dir, 'shared.json')
    writeFileSync(shared, 'old', { mode: 0o644 })
    writeFileAtomic(shared, 'new')
    expect(readFileSync(shared, 'utf8')).toBe('new')
    expect(statSync(shared).mode & 0o777).toBe(0o644)
    writeFileAtomic(join(dir, 'fresh.json'), 'x')
    expect(statSync(join(dir, 'fresh.json')).mode & 0o777).toBe(0o600)
    expect(readdirSync(dir).sort()).toEqual(['fresh.json', 'shared.json'])
  })

  it('never follows a symlink planted at the temp name: the write fails and neither file changes', () => {
    const dir = freshDir()
    const target = join(dir, 'settings.json')
    const victim = join(dir, 'victim.txt')
    writeFileSync(target, 'old settings')
    writeFileSync(victim, 'precious')
    const planted = join(dir, '.settings.json.planted.tmp')
    symlinkSync(victim, planted)
    expect(() => writeFileAtomic(target, 'attacker-chosen content', { tempName: () => planted })).toThrow(/EEXIST/)
    expect(readFileSync(victim, 'utf8')).toBe('precious')
    expect(readFileSync(target, 'utf8')).toBe('old settings')
    expect(lstatSync(planted).isSymbolicLink()).toBe(true)
  })

  it('does not write through symlinks planted at the names the old code predicted (pid and clock)', () => {
    const dir = freshDir()
    const target = join(dir, 'labels.json')
    const victim = join(dir, 'victim.txt')
    writeFileSync(victim, 'precious')
    // The old temp name was .<name>.<pid>.<Date.now()>.tmp: hold the clock still and plant exactly that name.
    const now = Date.now()
    vi.spyOn(Date, 'now').mockReturnValue(now)
    symlinkSync(victim, join(dir, `.labels.json.${process.pid}.${now}.tmp`))
    writeFileAtomic(target, '[]')
    expect(readFileSync(victim, 'utf8')).toBe('precious')
    expect(readFileSync(target, 'utf8')).toBe('[]')
    expect(lstatSync(target).isFile()).toBe(true)
  })
})

const disk = mountSmallDisk('2m')
if (typeof disk === 'string') console.warn(`skipping the full-disk tests: ${disk}`)

describe.skipIf(typeof disk === 'string')('writeFileAtomic on a nearly full disk (a 2 MB tmpfs)', () => {
  const small = disk as Exclude<typeof disk, string>
  afterAll(() => small.dispose())

  it('throws ENOSPC instead of storing a truncated file, and leaves the old file exactly as it was', () => {
    const target = join(small.dir, 'iana-registry.json')
    const old = Buffer.alloc(600 * 1024, 'o')
    writeFileAtomic(target, old)
    const bigger = Buffer.alloc(3 * 1024 * 1024, 'n') // more than the disk has left
    expect(() => writeFileAtomic(target, bigger)).toThrow(/ENOSPC/)
    expect(readFileSync(target).equals(old)).toBe(true)
    expect(readdirSync(small.dir)).toEqual(['iana-registry.json'])
  })

  it('on a read-only disk throws EROFS and changes nothing', () => {
    const target = join(small.dir, 'settings.json')
    writeFileAtomic(target, '{"a":1}')
    small.readOnly()
    expect(() => writeFileAtomic(target, '{"a":2}')).toThrow(/EROFS/)
    expect(readFileSync(target, 'utf8')).toBe('{"a":1}')
    expect(existsSync(join(small.dir, 'iana-registry.json'))).toBe(true)
  })
})
