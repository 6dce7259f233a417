import type { StorySource } from '../../../shared/story'

/** Numbered sources in order of first mention; the same URL is cited once. */
export class SourceList {
  private readonly sources: StorySource[] = []

  cite(title: string, url: string): number {
    const known = this.sources.find((s) => s.url === url)
    if (known) return known.n
    const n = this.sources.length + 1
    this.sources.push({ n, title, url })
    return n
  }

  list(): StorySource[] {
    return [...this.sources]
  }
}

export const RFC6335 = { title: 'RFC 6335, IANA procedures for service names and port numbers, section 6 (port ranges)', url: 'https://www.rfc-editor.org/rfc/rfc6335.html#section-6' }

export function ianaEntry(port: number): { title: string; url: string } {
  return {
    title: `IANA Service Name and Transport Protocol Port Number Registry, entries for ${port}`,
    url: `https://www.iana.org/assignments/service-names-port-numbers/service-names-port-numbers.xhtml?search=${port}`,
  }
}

const LINUX_IP_SYSCTL = { title: 'Linux kernel documentation: ip-sysctl (ip_local_port_range, ip_unprivileged_port_start)', url: 'https://www.kernel.org/doc/html/latest/networking/ip-sysctl.html' }

export const EPHEMERAL_SOURCES = {
  linux: LINUX_IP_SYSCTL,
  windows: { title: 'Microsoft: the default dynamic port range for TCP/IP has changed since Windows Vista', url: 'https://learn.microsoft.com/en-us/troubleshoot/windows-server/networking/default-dynamic-port-range-tcpip-chang' },
  macos: RFC6335,
} as const

export const fn = (n: number | null): string => (n === null ? '' : ` [${n}]`)

/** Who may listen on System ports differs by OS; each claim its own source. */
export const PRIVILEGED_PORT_SOURCES = {
  linux: LINUX_IP_SYSCTL,
  macos: { title: 'Zameer Manji: Binding to privileged ports without root on macOS (since Mojave)', url: 'https://zameermanji.com/blog/2024/1/5/binding-to-privileged-ports-without-root-on-macos/' },
  windows: { title: 'HSC: Windows network services internals, "No privileged ports"', url: 'http://www.hsc.fr/ressources/articles/win_net_srv/no_priv_ports.html' },
} as const

/** Ports that many programs open together by design: "address already in use" is not their story. */
export const SHARED_BY_DESIGN: readonly { port: number; protocol: 'udp' | 'tcp'; text: string; title: string; url: string }[] = [
  {
    port: 5353,
    protocol: 'udp',
    text: 'Shared by design: several mDNS responders and browsers on one machine may all listen on 5353/udp at once (the multicast DNS specification expects it), so more than one holder here is normal, not a conflict.',
    title: 'RFC 6762, Multicast DNS, section 15: multiple responders on the same machine',
    url: 'https://www.rfc-editor.org/rfc/rfc6762.html#section-15',
  },
]
