import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

// electron-builder reads YAML; the few keys checked here are flat enough for a line match.
const config = readFileSync('electron-builder.yml', 'utf8')

describe('packaging', () => {
  it.each([
    ['runAsNode', 'false'],
    ['enableNodeOptionsEnvironmentVariable', 'false'],
    ['enableNodeCliInspectArguments', 'false'],
    ['enableCookieEncryption', 'true'],
    ['enableEmbeddedAsarIntegrityValidation', 'true'],
    ['onlyLoadAppFromAsar', 'true'],
  ])('burns the %s fuse to %s', (fuse, value) => {
    expect(config).toMatch(new RegExp(`^  ${fuse}: ${value}$`, 'm'))
  })

  it('builds AppImage and deb, dmg, and nsis from an icon in resources/', () => {
    expect(config).toMatch(/target: \[AppImage, deb\]/)
    expect(config).toMatch(/target: \[dmg\]/)
    expect(config).toMatch(/target: \[nsis\]/)
    expect(readFileSync('resources/icons/icon.png').subarray(1, 4).toString()).toBe('PNG')
  })
})
