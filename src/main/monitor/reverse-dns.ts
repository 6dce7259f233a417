import { lookupService } from 'node:dns/promises'

export interface ReverseDnsOptions {
  /** The resolver: getnameinfo by default (it reads /etc/hosts and the system's DNS, like other programs). */
  resolve?: (address: string) => Promise<string | null>
  /** How long an answer (or a failure) is kept. */
  ttlMs?: number
  maxEntries?: number
  /** Lookups in flight at once; the rest wait for the next poll. */
  concurrency?: number
  /** Called when new answers arrived, so the rows can be rebuilt with them. */
  onAnswer?: () => void
  now?: () => number
}

export const REVERSE_DNS_TTL_MS = 10 * 60_000

/** getnameinfo gives the address back as text when it has no name: that is "no name". */
async function nameOf(address: string): Promise<string | null> {
  const [bare = address] = address.split('%')
  const { hostname } = await lookupService(bare, 0)
  return hostname && hostname !== address && hostname !== bare ? hostname : null
}

/**
 * Host names for remote addresses, never awaited by a poll: `hostOf` answers from the cache at once and
 * starts a lookup for an address it has not seen, a few at a time. Answers and failures are kept for a
 * while, so a busy peer costs one lookup per TTL. Opt-in (settings.reverseDns): it sends DNS queries.
 */
export class ReverseDns {
  private readonly cache = new Map<string, { name: string | null; at: number }>()
  private readonly pending = new Set<string>()
  private readonly resolve: (address: string) => Promise<string | null>
  private readonly ttlMs: number
  private readonly maxEntries: number
  private readonly concurrency: number
  private readonly now: () => number
  private closed = false

  constructor(private readonly options: ReverseDnsOptions = {}) {
    this.resolve = options.resolve ?? nameOf
    this.ttlMs = options.ttlMs ?? REVERSE_DNS_TTL_MS
    this.maxEntries = options.maxEntries ?? 5000
    this.concurrency = options.concurrency ?? 4
    this.now = options.now ?? Date.now
  }

  /** The cached name, or null (not known yet, or none); a lookup starts if needed. */
  hostOf(address: string): string | null {
    const cached = this.cache.get(address)
    if (cached && this.now() - cached.at < this.ttlMs) return cached.name
    this.start(address)
    return cached?.name ?? null
  }

  close(): void {
    this.closed = true
  }

  private start(address: string): void {
    if (this.closed || this.pending.has(address) || this.pending.size >= this.concurrency) return
    this.pending.add(address)
    // Nothing awaits the lookup: a failed one is "no name" (caught here), and the rest only updates the cache.
    void this.resolve(address)
      .catch(() => null)
      .then((name) => {
        this.pending.delete(address)
        if (this.closed) return
        const before = this.cache.get(address)?.name
        this.cache.delete(address) // re-inserted last: the Map's order is the eviction order
        this.cache.set(address, { name, at: this.now() })
        if (this.cache.size > this.maxEntries) this.cache.delete(this.cache.keys().next().value as string)
        if (name !== (before ?? null)) this.options.onAnswer?.()
      })
  }
}
