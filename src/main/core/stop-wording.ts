import type { HeldPort } from '../../shared/stop'

/** "node (pid 4242)". */
export function processLabel(name: string | null, pid: number): string {
  return name ? `${name} (pid ${pid})` : `pid ${pid}`
}

function portNames(ports: readonly HeldPort[]): string[] {
  return [...new Set(ports.map((p) => `${p.port}/${p.protocol}`))]
}

/** "port 8080/tcp", "ports 80/tcp and 443/tcp"; the same port on two addresses is named once. */
export function portsLabel(ports: readonly HeldPort[]): string {
  const names = portNames(ports)
  if (names.length === 0) return 'its ports'
  if (names.length === 1) return `port ${names[0]}`
  return `ports ${names.slice(0, -1).join(', ')} and ${names.at(-1)}`
}

/** "is" or "are", agreeing with portsLabel(ports). */
export function portsVerb(ports: readonly HeldPort[], singular: string, plural: string): string {
  return portNames(ports).length > 1 ? plural : singular
}
