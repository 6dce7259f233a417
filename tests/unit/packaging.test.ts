import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { listPackage } from '@electron/asar'
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureAppBuilt, REPO_ROOT } from '../helpers/app-build'
import { trayIconFile } from '../../src/main/tray'
import { writeStandInDist } from '../helpers/electron-standin'

// electron-builder packs the real build around a stand-in Electron (no binary can be downloaded here):
// what the app.asar holds, what is unpacked, and the fuses flipped in the executable are electron-builder's own work.

const FUSE_ON = 49
const FUSE_OFF = 48

describe.skipIf(process.platform !== 'linux')('electron-builder --linux dir, around a stand-in Electron', () => {
  const work = mkdtempSync(join(tmpdir(), 'portolan-pack-'))
  const unpacked = join(work, 'out', 'linux-unpacked')
  let files: string[] = []

  beforeAll(async () => {
    ensureAppBuilt()
    const dist = writeStandInDist(join(work, 'electron-dist'))
    await promisify(execFile)('npx', ['electron-builder', '--linux', 'dir', `--config.electronDist=${dist}`, `--config.directories.output=${join(work, 'out')}`], {
      cwd: REPO_ROOT,
      maxBuffer: 1 << 26,
    })
    files = listPackage(join(unpacked, 'resources', 'app.asar'), { isPack: false }).map((file) => file.replaceAll('\\', '/'))
  }, 240_000)

  afterAll(() => rmSync(work, { recursive: true, force: true }))

  it('app.asar holds the build, package.json and the production dependencies only', () => {
    expect(files).toContain('/package.json')
    expect(files).toContain('/out/main/index.js')
    expect(files).toContain('/out/preload/index.js')
    expect(files).toContain('/out/renderer/index.html')
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> }
    const packages = new Set(files.filter((f) => /^\/node_modules\/(@[^/]+\/)?[^/]+$/.test(f)).map((f) => f.slice('/node_modules/'.length)))
    for (const name of Object.keys(pkg.dependencies)) expect(packages, name).toContain(name)
    // Vite bundles the page's libraries; electron, the builder and the test tools never ship.
    for (const name of ['react', 'react-dom', 'zustand', '@tanstack/react-virtual', 'electron', 'electron-builder', 'vitest', 'playwright-core', 'typescript']) {
      expect(packages, name).not.toContain(name)
    }
    expect(files.filter((f) => /^\/(src|tests|bench|scripts|resources)\//.test(f))).toEqual([])
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([])
  })

  it("koffi's native package is unpacked beside the asar, where it can be loaded", () => {
    const unpackedModules = join(unpacked, 'resources', 'app.asar.unpacked', 'node_modules', '@koromix')
    const native = readdirSync(unpackedModules).filter((name) => name.startsWith('koffi-'))
    expect(native.length).toBeGreaterThan(0)
    expect(native.some((name) => existsSync(join(unpackedModules, name)))).toBe(true)
  })

  it('the executable carries the fuses as electron-builder.yml sets them', async () => {
    const wire = await getCurrentFuseWire(join(unpacked, 'portolan'))
    expect(wire[FuseV1Options.RunAsNode]).toBe(FUSE_OFF)
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(FUSE_ON)
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FUSE_OFF)
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FUSE_OFF)
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FUSE_ON)
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FUSE_ON)
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(FUSE_OFF)
  })

  it('the icons read at run time travel as resources, outside the asar', () => {
    for (const icon of ['tray.png', 'tray@2x.png', trayIconFile('darwin'), 'trayTemplate@2x.png', 'icon.png']) {
      expect(readFileSync(join(unpacked, 'resources', 'icons', icon)).subarray(1, 4).toString(), icon).toBe('PNG')
    }
  })
})
