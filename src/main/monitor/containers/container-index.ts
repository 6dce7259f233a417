import type { ContainerRef, Protocol } from '../../../shared/row'
import type { DockerContainer } from './docker-client'
import type { ContainerLookup } from './source'

interface Published {
  ip: string | undefined
  container: ContainerRef
}

/** The container as a row names it: its first name without Docker's leading slash. */
export function containerRefOf(c: DockerContainer): ContainerRef {
  return { name: c.Names[0].replace(/^\//, ''), image: c.Image }
}

/** Published host ports → container, as a lookup for the row join. */
export function indexContainers(containers: readonly DockerContainer[]): ContainerLookup {
  const byPort = new Map<string, Published[]>()
  for (const c of containers) {
    const container = containerRefOf(c)
    for (const p of c.Ports) {
      if (p.PublicPort === undefined || (p.Type !== 'tcp' && p.Type !== 'udp')) continue
      const key = `${p.Type}/${p.PublicPort}`
      const list = byPort.get(key) ?? []
      list.push({ ip: p.IP, container })
      byPort.set(key, list)
    }
  }
  return (protocol: Protocol, port: number, address: string) => {
    const published = byPort.get(`${protocol}/${port}`)
    // Two containers may publish one port on different host addresses; prefer the one on this address.
    return (published?.find((p) => p.ip === address) ?? published?.[0])?.container ?? null
  }
}
