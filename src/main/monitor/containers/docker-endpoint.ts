import { homedir } from 'node:os'
import { join } from 'node:path'

const WINDOWS_PIPE = '//./pipe/docker_engine'

/**
 * Socket paths to try for the Docker Engine API, in order. DOCKER_HOST wins when set; a tcp:// host
 * is not supported (it usually needs TLS client certificates), so it yields no endpoint at all.
 */
export function dockerEndpoints(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string[] {
  const host = env.DOCKER_HOST?.trim()
  if (host) {
    if (host.startsWith('unix://')) return [host.slice('unix://'.length)]
    if (host.startsWith('npipe://')) return [host.slice('npipe://'.length)]
    return []
  }
  if (platform === 'win32') return [WINDOWS_PIPE]
  const endpoints = ['/var/run/docker.sock']
  // Docker Desktop's per-user socket, and rootless Docker's.
  endpoints.push(join(homedir(), '.docker', 'run', 'docker.sock'))
  if (env.XDG_RUNTIME_DIR) endpoints.push(join(env.XDG_RUNTIME_DIR, 'docker.sock'))
  return endpoints
}
