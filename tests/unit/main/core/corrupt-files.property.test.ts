import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import * as v from 'valibot'
import { afterAll, assert, describe, expect, it } from 'vitest'
import { loadDecodedFile, loadJsonFile, saveJsonFile } from '../../../../src/main/storage/json-file'
import { composeApp } from '../../../../src/main/core/compose'
import { ListenerHistory } from '../../../../src/main/core/history'
import { SettingsStore } from '../../../../src/main/core/settings-store'
import { decodeRegistry } from '../../../../src/main/registry/codec'
import { LabelStore } from '../../../../src/main/registry/labels'
import { loadActiveRegistry, userRegistryPath } from '../../../../src/main/registry/store'
import { DEFAULT_SETTINGS } from '../../../../src/shared/settings'
import { PortLabelSchema } from '../../../../src/shared/validate'
import type { Collector } from '../../../../src/main/monitor/collector'

const root = mkdtempSync(join(tmpdir(), 'portolan-corrupt-'))
let dirs = 0
const fresh = (): string => {
  const dir = join(root, String(dirs++))
  mkdirSync(dir)
  return dir
}
afterAll(() => rmSync(root, { recursive: true, force: true }))

/** What a damaged file may hold: random text, random bytes, JSON of the wrong shape, a cut-off file. */
const damaged = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.jsonValue().map((value) => JSON.stringify(value).slice(0, -1)),
)

/**
 * The contract every loader of a Portolan file keeps: it never throws; valid content is used as is;
 * anything else is moved aside byte for byte, a notice names the file, and the defaults are used. A file
 * of independent entries (labels) may instead keep its good entries: then it is copied aside byte for byte.
 */
function checkLoader<T>(file: string, load: (dir: string) => { value: T; notice: string | null }, valid: (value: T) => boolean, defaults: T, salvaged?: RegExp): void {
  fc.assert(
    fc.property(damaged, (content) => {
      const dir = fresh()
      writeFileSync(join(dir, file), content)
      const loaded = load(dir)
      expect(valid(loaded.value)).toBe(true)
      if (loaded.notice === null) {
        expect(readdirSync(dir)).toEqual([file])
        return
      }
      expect(loaded.notice).toContain(join(dir, file))
      // One line, whatever bytes the file held.
      // eslint-disable-next-line no-control-regex
      expect(loaded.notice).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/)
      if (salvaged?.test(loaded.notice)) {
        // Some entries were good: they are used, and the file stays, with a copy of it as it was beside it.
        expect(loaded.notice).toMatch(/; kept the rest and saved the file as it was to .*\.corrupt-/)
        expect(readFileSync(join(dir, file))).toEqual(Buffer.from(content))
      } else {
        expect(loaded.value).toEqual(defaults)
        expect(loaded.notice).toMatch(/was unreadable \(.+\); moved it to .*\.corrupt-.* and used/)
      }
      const aside = readdirSync(dir).filter((f) => f.startsWith(`${file}.corrupt-`))
      const [asideFile] = aside
      expect(aside).toHaveLength(1)
      assert(asideFile !== undefined)
      expect(readFileSync(join(dir, asideFile))).toEqual(Buffer.from(content))
    }),
    { numRuns: 200 },
  )
}

describe('loading a damaged file never throws, moves it aside and says so', () => {
  it('settings.json', () => {
    checkLoader('settings.json', (dir) => {
      const store = new SettingsStore(dir)
      return { value: store.get(), notice: store.notice }
    }, () => true, DEFAULT_SETTINGS)
  })

  it('labels.json', () => {
    checkLoader('labels.json', (dir) => {
      const store = new LabelStore(join(dir, 'labels.json'))
      return { value: store.list(), notice: store.notice }
    }, (labels) => v.is(v.array(PortLabelSchema), labels), [], /: left out \d+ unreadable labels?/)
  })

  it('history.json', () => {
    checkLoader('history.json', (dir) => {
      const history = new ListenerHistory(dir)
      return { value: history.size, notice: history.notice }
    }, (size) => size >= 0, 0)
  })

  it('the imported registry (decoded as the store decodes it)', () => {
    checkLoader('iana-registry.json', (dir) => loadDecodedFile(join(dir, 'iana-registry.json'), decodeRegistry, null, { defaultsName: 'the bundled snapshot' }), () => true, null)
  })

  it('any schema through loadJsonFile', () => {
    const schema = v.object({ n: v.number() })
    checkLoader('x.json', (dir) => loadJsonFile(join(dir, 'x.json'), schema, { n: 0 }), (value) => v.is(schema, value), { n: 0 })
  })
})

describe('one damaged file costs nothing else', () => {
  const idle: Collector = { name: 'idle', collect: () => Promise.resolve([]) }

  it('PortolanApp starts with every file damaged, lists one notice per file, and keeps the sound ones', async () => {
    const dir = fresh()
    mkdirSync(join(dir, 'registry'))
    writeFileSync(join(dir, 'labels.json'), '[{"port": 8080, "protocol": "tcp", "label": "dev"')
    writeFileSync(join(dir, 'history.json'), '{"listeners": {"tcp|::|1|x": [1, "yesterday"]}}')
    writeFileSync(userRegistryPath(dir), '{"format":"portolan-registry/1","source":"x","asOf":"2026-01-01","records":[[0,7]]}')
    saveJsonFile(join(dir, 'settings.json'), { ...DEFAULT_SETTINGS, theme: 'dark' })
    const core = composeApp({ dataDir: dir, collector: idle, containers: null })
    try {
      const notices = core.notices()
      expect(notices).toHaveLength(3)
      expect(notices.find((n) => n.includes('labels.json'))).toMatch(/moved it to .*labels\.json\.corrupt-.* and used defaults/)
      expect(notices.find((n) => n.includes('history.json'))).toMatch(/listeners/)
      expect(notices.find((n) => n.includes('iana-registry.json'))).toMatch(/record 0, field 1: expected text.*used the bundled snapshot/)
      expect(core.settings.get().theme).toBe('dark')
      expect(core.registry.info().bundled).toBe(true)
      expect(core.labels.list()).toEqual([])
      // The next save writes a fresh file; the damaged copy stays for the user.
      core.labels.set({ port: 22, protocol: 'tcp', label: 'ssh', note: null })
      expect(JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8'))).toEqual([{ port: 22, protocol: 'tcp', label: 'ssh', note: null }])
      expect(readdirSync(dir).filter((f) => f.startsWith('labels.json.corrupt-'))).toHaveLength(1)
    } finally {
      await core.close()
    }
    expect(composeApp({ dataDir: dir, collector: idle, containers: null }).notices()).toEqual([])
  })

  it('an unreadable registry copy falls back to the snapshot and is moved aside', () => {
    const dir = fresh()
    mkdirSync(join(dir, 'registry'))
    writeFileSync(userRegistryPath(dir), 'not json')
    const active = loadActiveRegistry(dir)
    expect(active.warning).toMatch(/iana-registry\.json was unreadable .*used the bundled snapshot/)
    expect(readdirSync(join(dir, 'registry')).some((f) => f.startsWith('iana-registry.json.corrupt-'))).toBe(true)
    expect(loadActiveRegistry(dir).warning).toBeNull()
  })
})

describe('files are written atomically', () => {
  it('leaves no temporary file behind and the content round-trips', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const dir = fresh()
        saveJsonFile(join(dir, 'f.json'), value)
        saveJsonFile(join(dir, 'f.json'), value)
        expect(readdirSync(dir)).toEqual(['f.json'])
        expect(JSON.parse(readFileSync(join(dir, 'f.json'), 'utf8'))).toEqual(JSON.parse(JSON.stringify(value)))
      }),
      { numRuns: 100 },
    )
  })

  it('creates new files private to the user, and keeps the permissions of a file it replaces', () => {
    const dir = fresh()
    const file = join(dir, 'f.json')
    saveJsonFile(file, 1)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    chmodSync(file, 0o644)
    saveJsonFile(file, 2)
    expect(statSync(file).mode & 0o777).toBe(0o644)
    expect(readFileSync(file, 'utf8')).toBe('2\n')
  })
})
