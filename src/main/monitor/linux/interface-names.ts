import { readdirSync, readFileSync } from 'node:fs'

/**
 * Interface names by index, from /sys/class/net/<name>/ifindex, read again only when an index is
 * new to the map (an interface came up). The zone of a link-local address (`fe80::1%eth0`).
 */
export class InterfaceNames {
  private byIndex = new Map<number, string>()
  private missed = new Set<number>()

  constructor(private readonly sysNet = '/sys/class/net') {}

  nameOf(index: number): string | null {
    if (index === 0) return null
    let name = this.byIndex.get(index)
    if (name === undefined && !this.missed.has(index)) {
      this.byIndex = this.read()
      name = this.byIndex.get(index)
      // An index no interface has (it went away): don't read the directory again for it every poll.
      if (name === undefined) this.missed.add(index)
    }
    return name ?? null
  }

  private read(): Map<number, string> {
    const names = new Map<number, string>()
    let entries: string[]
    try {
      entries = readdirSync(this.sysNet)
    } catch {
      return names
    }
    for (const entry of entries) {
      try {
        names.set(Number(readFileSync(`${this.sysNet}/${entry}/ifindex`, 'utf8').trim()), entry)
      } catch {
        // Gone between the listing and the read.
      }
    }
    this.missed.clear()
    return names
  }
}

/** fe80::/10: an address that means something only together with its interface. */
export function isLinkLocalIpv6(address: string): boolean {
  return /^fe[89ab][0-9a-f]:/i.test(address)
}

/** The address as `ss` writes it: a link-local address with its interface (`fe80::1%eth0`, or `%3` unnamed). */
export function scopedAddress(address: string, ifindex: number, names: InterfaceNames): string {
  if (ifindex === 0 || !isLinkLocalIpv6(address)) return address
  return `${address}%${names.nameOf(ifindex) ?? ifindex}`
}
