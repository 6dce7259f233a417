import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, assert, describe, expect, it } from 'vitest'
import { SettingsStore } from '../../../../src/main/core/settings-store'
import { LabelStore } from '../../../../src/main/registry/labels'
import { DEFAULT_SETTINGS } from '../../../../src/shared/settings'
import { runCliProcess } from '../../../helpers/cli'

const dirs: string[] = []
function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'portolan-json-'))
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

const good = (port: number, label: string) => ({ port, protocol: 'tcp', label, note: null })

describe('labels.json with one bad label', () => {
  it('keeps every good label, names the bad one, and saves the file as it was beside it', () => {
    const dir = freshDir()
    const path = join(dir, 'labels.json')
    const original = JSON.stringify([good(3000, 'dev server'), { port: 'eighty', protocol: 'tcp', label: 'x', note: null }, good(5432, 'postgres')])
    writeFileSync(path, original)

    const store = new LabelStore(path)
    expect(store.list().map((l) => l.label)).toEqual(['dev server', 'postgres'])
    expect(store.notice).toMatch(/labels\.json: left out 1 unreadable label \(#2: port: port must be a number\); kept the rest and saved the file as it was to .*labels\.json\.corrupt-/)
    const aside = readdirSync(dir).filter((name) => name.startsWith('labels.json.corrupt-'))
    const [asideFile] = aside
    expect(aside).toHaveLength(1)
    assert(asideFile !== undefined)
    expect(readFileSync(join(dir, asideFile), 'utf8')).toBe(original)

    store.set(good(8080, 'proxy'))
    expect((JSON.parse(readFileSync(path, 'utf8')) as { label: string }[]).map((l) => l.label)).toEqual(['dev server', 'postgres', 'proxy'])
    expect(readFileSync(join(dir, asideFile), 'utf8')).toBe(original)
  })

  it('a file that is not a list at all is moved aside whole', () => {
    const dir = freshDir()
    const path = join(dir, 'labels.json')
    writeFileSync(path, '{"port": 1}')
    const store = new LabelStore(path)
    expect(store.list()).toEqual([])
    expect(store.notice).toMatch(/was unreadable \(not a list of labels\); moved it to/)
    expect(existsSync(path)).toBe(false)
  })
})

describe.skipIf(process.platform === 'win32')('settings.json that is not a regular file', () => {
  it('a device in its place is refused without reading it', () => {
    const dir = freshDir()
    symlinkSync('/dev/zero', join(dir, 'settings.json'))
    const store = new SettingsStore(dir)
    expect(store.get()).toEqual(DEFAULT_SETTINGS)
    expect(store.notice).toMatch(/settings\.json was unreadable \(it is a device, not a regular file\); moved it to .* and used defaults/)
  })

  it('a FIFO in its place does not hang startup: the CLI says so in one line and carries on', { timeout: 90_000 }, async () => {
    const dir = freshDir()
    execFileSync('mkfifo', [join(dir, 'settings.json')])
    // Run as its own process: a read that blocks on the FIFO would hang this test runner too.
    const { code, stdout, stderr } = await runCliProcess(['story', '22', '--json'], { PORTOLAN_DATA_DIR: dir }, { killAfterMs: 60_000 })
    expect(stderr).not.toContain('[killed by')
    expect(code).toBe(0)
    expect(JSON.parse(stdout)).toMatchObject({ port: 22 })
    const lines = stderr.trim().split('\n').filter((line) => line.includes('settings.json'))
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^portolan: .*settings\.json was unreadable \(it is a named pipe \(FIFO\), not a regular file\); moved it to .* and used defaults$/)
  })
})

describe('corrupt files in the CLI', () => {
  it('story says on stderr, in one line each, that settings and labels were moved aside (list never reads them)', { timeout: 90_000 }, async () => {
    const dir = freshDir()
    writeFileSync(join(dir, 'settings.json'), '{"pollIntervalMs": "fast"')
    writeFileSync(join(dir, 'labels.json'), '[{"port": 22, "protocol": "tcp", "label": "ok", "note": null}, 7]')
    const list = await runCliProcess(['list', '--json'], { PORTOLAN_DATA_DIR: dir }, { killAfterMs: 60_000 })
    expect(list.code).toBe(0)
    expect(list.stderr).toBe('')
    expect(readdirSync(dir).sort()).toEqual(['labels.json', 'settings.json'])
    const { code, stdout, stderr } = await runCliProcess(['story', '22', '--json'], { PORTOLAN_DATA_DIR: dir }, { killAfterMs: 60_000 })
    expect(code).toBe(0)
    expect(JSON.parse(stdout)).toMatchObject({ port: 22 })
    const lines = stderr.trim().split('\n')
    expect(lines.filter((l) => l.includes('settings.json'))).toEqual([expect.stringMatching(/^portolan: .*settings\.json was unreadable \(.*\); moved it to .*settings\.json\.corrupt-.* and used defaults$/)])
    expect(lines.filter((l) => l.includes('labels.json'))).toEqual([expect.stringMatching(/^portolan: .*labels\.json: left out 1 unreadable label \(#2: .*\); kept the rest/)])
  })
})
