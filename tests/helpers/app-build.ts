import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url))
export const RENDERER_INDEX = fileURLToPath(new URL('../../out/renderer/index.html', import.meta.url))
const BUILT_FILES = [RENDERER_INDEX, fileURLToPath(new URL('../../out/main/index.js', import.meta.url)), fileURLToPath(new URL('../../out/cli/index.js', import.meta.url))]

/** What the built page is made from. */
const BUILD_INPUTS = ['src', 'electron.vite.config.ts', 'package-lock.json']

function newestMtime(path: string): number {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), stat.mtimeMs)
}

/** True when out/ is missing or older than any of its sources. */
export function appBuildIsStale(): boolean {
  if (!BUILT_FILES.every((file) => existsSync(file))) return true
  const built = Math.min(...BUILT_FILES.map((file) => statSync(file).mtimeMs))
  return BUILD_INPUTS.some((input) => existsSync(join(REPO_ROOT, input)) && newestMtime(join(REPO_ROOT, input)) > built)
}

/** `npm test` builds first; a test run on its own rebuilds when the build is missing or stale. */
export function ensureAppBuilt(): void {
  if (appBuildIsStale()) execFileSync('npm', ['run', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' })
}
