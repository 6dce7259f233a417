import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

// Finds the Electron binary the way node_modules/electron/index.js does, without running that file:
// it downloads the binary when it is missing (and under vitest 'electron' is a stub anyway).

const ELECTRON_PACKAGE = fileURLToPath(new URL('../../node_modules/electron/', import.meta.url))

export type ElectronBinary = { path: string; missing: null } | { path: null; missing: string }

export function findElectronBinary(): ElectronBinary {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH
  const pathFile = join(ELECTRON_PACKAGE, 'path.txt')
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null
  const candidate = override ? join(override, relative ?? 'electron') : relative ? join(ELECTRON_PACKAGE, 'dist', relative) : null
  if (!candidate) return { path: null, missing: `no Electron binary: ${pathFile} is absent (Electron downloads its binary on first use, which needs network access: npx install-electron)` }
  if (!existsSync(candidate)) return { path: null, missing: `no Electron binary at ${candidate}` }
  return { path: candidate, missing: null }
}
