import { readFileSync, statSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import type { Project, ProjectMarker } from '../../../../shared/provenance'

/** Checked in each directory in this order: the first that names the project wins; .git only names a directory. */
const MARKERS: readonly ProjectMarker[] = ['package.json', 'pyproject.toml', 'Cargo.toml', 'go.mod', '.git']
/** Never a project: the root and home directories themselves (a dotfiles repository in ~ is not "the project"). */
const NOT_PROJECTS = /^\/$|^\/root$|^\/home\/[^/]+$/
const MAX_MARKER_BYTES = 1024 * 1024

function exists(path: string): boolean {
  try {
    statSync(path)
    return true
  } catch {
    return false
  }
}

function readSmall(path: string): string | null {
  try {
    if (statSync(path).size > MAX_MARKER_BYTES) return null
    return readFileSync(path, 'utf8')
  } catch {
    return null
  }
}

/** The name a marker file gives its project, or null when it gives none (or is unreadable). */
export function markerName(marker: ProjectMarker, text: string): string | null {
  switch (marker) {
    case 'package.json': {
      try {
        const name = (JSON.parse(text) as { name?: unknown }).name
        return typeof name === 'string' && name.trim() !== '' ? name.trim() : null
      } catch {
        return null
      }
    }
    case 'pyproject.toml':
      return tomlName(text, ['project', 'tool.poetry'])
    case 'Cargo.toml':
      return tomlName(text, ['package'])
    case 'go.mod': {
      const module = /^module\s+"?([^\s"]+)"?/m.exec(text)?.[1]
      return module ? (module.split('/').at(-1) ?? null) : null
    }
    default:
      return null
  }
}

/** `name = "x"` inside one of the given [tables]: enough TOML for a project's name, nothing more. */
function tomlName(text: string, tables: readonly string[]): string | null {
  let table = ''
  for (const raw of text.split('\n')) {
    const line = raw.trim()
    const header = /^\[([^\]]+)\]$/.exec(line)?.[1]
    if (header !== undefined) {
      table = header.trim()
      continue
    }
    if (!tables.includes(table)) continue
    const name = /^name\s*=\s*["']([^"']+)["']/.exec(line)?.[1]
    if (name !== undefined) return name
  }
  return null
}

/** The nearest directory at or above `cwd` holding a project marker, with the name it gives; null when none. */
export function findProject(cwd: string): Project | null {
  for (let dir = cwd; ; dir = dirname(dir)) {
    if (NOT_PROJECTS.test(dir)) return null
    let fallback: Project | null = null
    for (const marker of MARKERS) {
      const path = join(dir, marker)
      if (!exists(path)) continue
      const text = marker === '.git' ? null : readSmall(path)
      const name = text === null ? null : markerName(marker, text)
      if (name) return { name, path: dir, marker }
      fallback ??= { name: basename(dir), path: dir, marker }
    }
    if (fallback) return fallback
    if (dirname(dir) === dir) return null
  }
}
