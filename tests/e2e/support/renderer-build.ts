import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url))
export const RENDERER_INDEX = fileURLToPath(new URL('../../../out/renderer/index.html', import.meta.url))

/** `npm test` builds first; a test run on its own builds the app if nobody has yet. */
export function ensureRendererBuilt(): void {
  if (existsSync(RENDERER_INDEX)) return
  execFileSync('npx', ['electron-vite', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' })
}
