import type { DiagSocket } from '../netlink-messages'
import { localPortFilter } from './port-filter'

const TCP_LISTEN = 10

/**
 * The activity dump's kernel-side filter for the TCP listeners' local ports, rebuilt only when that
 * set of ports changes. Off for good once the kernel refuses a program (then every connection is dumped).
 */
export class ListenerPortFilter {
  private ports: number[] = []
  private cached: Buffer | null = null
  private enabled = true

  /**
   * The program for the TCP listeners among `sockets`, or undefined when filtering is off.
   * `unchanged` (the dump's sockets are the last call's) skips looking at them again.
   */
  program(sockets: readonly DiagSocket[], unchanged = false): Buffer | undefined {
    if (!this.enabled) return undefined
    if (unchanged && this.cached) return this.cached
    const ports = [...new Set(sockets.filter((s) => s.protocol === 'tcp' && s.state === TCP_LISTEN).map((s) => s.port))].sort((a, b) => a - b)
    if (!this.cached || ports.length !== this.ports.length || ports.some((p, i) => p !== this.ports[i])) {
      this.cached = localPortFilter(ports)
      this.ports = ports
    }
    return this.cached
  }

  refused(): void {
    this.enabled = false
    this.cached = null
  }
}
