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

export const EPHEMERAL_SOURCES = {
  linux: { title: 'Linux kernel documentation: ip-sysctl, ip_local_port_range', url: 'https://www.kernel.org/doc/html/latest/networking/ip-sysctl.html' },
  windows: { title: 'Microsoft: the default dynamic port range for TCP/IP has changed since Windows Vista', url: 'https://learn.microsoft.com/en-us/troubleshoot/windows-server/networking/default-dynamic-port-range-tcpip-chang' },
  macos: RFC6335,
} as const

export const fn = (n: number | null): string => (n === null ? '' : ` [${n}]`)
