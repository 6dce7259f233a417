import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url))
export const RENDERER_INDEX = fileURLToPath(new URL('../../../out/renderer/index.html', import.meta.url))

/** What the built page is made from. */
const BUILD_INPUTS = ['src', 'electron.vite.config.ts', 'package-lock.json']

function newestMtime(path: string): number {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), stat.mtimeMs)
}

/** True when out/ is missing or older than any of its sources. */
export function rendererBuildIsStale(): boolean {
  if (!existsSync(RENDERER_INDEX)) return true
  const built = statSync(RENDERER_INDEX).mtimeMs
  return BUILD_INPUTS.some((input) => existsSync(join(REPO_ROOT, input)) && newestMtime(join(REPO_ROOT, input)) > built)
}

/** `npm test` builds first; a browser test run on its own rebuilds when the build is missing or stale. */
export function ensureRendererBuilt(): void {
  if (rendererBuildIsStale()) execFileSync('npx', ['electron-vite', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' })
}
