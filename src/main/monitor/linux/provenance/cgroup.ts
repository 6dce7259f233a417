import type { ContainerOrigin, ContainerRuntime, SystemdUnit } from '../../../../shared/provenance'

/** What a process's cgroup path says about where it runs. */
export interface CgroupOrigin {
  unit: SystemdUnit | null
  container: Omit<ContainerOrigin, 'name' | 'image'> | null
  app: string | null
}

const NONE: CgroupOrigin = { unit: null, container: null, app: null }

/** Container ids are 64 hex digits in every runtime's cgroup naming; anything shorter is not taken for one. */
const CONTAINER_PATTERNS: ReadonlyArray<{ runtime: ContainerRuntime; pattern: RegExp }> = [
  // systemd cgroup driver: docker-<id>.scope; cgroupfs driver (and cgroup v1): /docker/<id>
  { runtime: 'docker', pattern: /(?:^|\/)docker-([0-9a-f]{64})\.scope(?:\/|$)/ },
  { runtime: 'docker', pattern: /(?:^|\/)docker\/([0-9a-f]{64})(?:\/|$)/ },
  // podman: libpod-<id>.scope or /libpod-<id>; libpod-conmon-<id> is its monitor, not the container
  { runtime: 'podman', pattern: /(?:^|\/)libpod-([0-9a-f]{64})(?:\.scope)?(?:\/|$)/ },
  { runtime: 'containerd', pattern: /(?:^|\/)cri-containerd-([0-9a-f]{64})\.scope(?:\/|$)/ },
  { runtime: 'cri-o', pattern: /(?:^|\/)crio-([0-9a-f]{64})\.scope(?:\/|$)/ },
]

/** The hierarchy systemd keeps its units in: name=systemd on cgroup v1 hybrids, else the unified (v2) one. */
function systemdPath(lines: readonly { controllers: string; path: string }[]): string | null {
  const v1 = lines.find((l) => l.controllers === 'name=systemd')
  if (v1) return v1.path
  return lines.find((l) => l.controllers === '')?.path ?? null
}

function parseLines(text: string): { controllers: string; path: string }[] {
  const lines: { controllers: string; path: string }[] = []
  for (const line of text.split('\n')) {
    // hierarchy-id:controllers:path (the path may itself hold colons)
    const first = line.indexOf(':')
    const second = first < 0 ? -1 : line.indexOf(':', first + 1)
    if (second < 0) continue
    lines.push({ controllers: line.slice(first + 1, second), path: line.slice(second + 1) })
  }
  return lines
}

/**
 * An app scope's application id, per systemd's desktop-environment naming
 * (app[-<launcher>]-<ApplicationID>[-<RANDOM>].scope or app[-<launcher>]-<ApplicationID>[@<RANDOM>].service):
 * the random suffix is dropped; the launcher part is kept, since it cannot be told from the id for sure.
 */
function appName(unit: string): string {
  return unit.replace(/^app-/, '').replace(/\.(scope|service|slice)$/, '').replace(/@[^@]*$/, '').replace(/-[0-9]+$/, '')
}

function unitOf(segments: readonly string[]): SystemdUnit | null {
  const userManager = segments.findIndex((s) => /^user@\d+\.service$/.test(s))
  const at = segments.findLastIndex((s) => /\.(service|scope)$/.test(s))
  const name = segments[at]
  if (name === undefined) return null
  return { name, manager: userManager >= 0 && at > userManager ? 'user' : 'system' }
}

/** Reads the unit, container and desktop app scope out of /proc/<pid>/cgroup's text; unknown parts stay null. */
export function parseCgroup(text: string): CgroupOrigin {
  const lines = parseLines(text)
  if (lines.length === 0) return NONE
  let container: CgroupOrigin['container'] = null
  for (const { path } of lines) {
    for (const { runtime, pattern } of CONTAINER_PATTERNS) {
      const id = pattern.exec(path)?.[1]
      if (id !== undefined) {
        container = { runtime, id }
        break
      }
    }
    if (container) break
  }
  const path = systemdPath(lines)
  const segments = path ? path.split('/').filter((s) => s !== '') : []
  const unit = unitOf(segments)
  const appSegment = [...segments].reverse().find((s) => /^app-.+\.(scope|service)$/.test(s)) ?? [...segments].reverse().find((s) => /^app-.+\.slice$/.test(s))
  return {
    // A container's scope is named by the container, not by a unit anyone would stop.
    unit: container && unit && unit.name.includes(container.id) ? null : unit,
    container,
    app: appSegment ? appName(appSegment) : null,
  }
}
