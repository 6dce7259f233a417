import type { Settings } from '../../shared/settings'
import type { Poller } from '../monitor/poller'
import { ReverseDns } from '../monitor/reverse-dns'
import type { SettingsStore } from './settings-store'

/** Whether the page needs connections: the Connections view (listeners' counts come from the activity). */
export function wantsConnections(settings: Settings): boolean {
  return settings.view === 'connections'
}

/**
 * Connections are collected while the page shows them (the saved view), or always when the host asks
 * (`--all`); remote names are looked up (reverse DNS) only while the setting asks for them.
 */
export class ConnectionSettings {
  private reverseDns: ReverseDns | null = null
  private readonly offSettings: () => void

  constructor(
    private readonly monitor: Pick<Poller, 'setIncludeConnections' | 'setHostLookup' | 'invalidate'>,
    settings: Pick<SettingsStore, 'get' | 'onChange'>,
    private readonly alwaysConnections: boolean,
  ) {
    this.apply(settings.get())
    this.offSettings = settings.onChange((changed) => this.apply(changed))
  }

  dispose(): void {
    this.offSettings()
    this.reverseDns?.close()
    this.reverseDns = null
  }

  private apply(settings: Settings): void {
    this.monitor.setIncludeConnections(this.alwaysConnections || wantsConnections(settings))
    const wantDns = settings.reverseDns === true
    if (wantDns && !this.reverseDns) {
      const dns = new ReverseDns({ onAnswer: () => this.monitor.invalidate() })
      this.reverseDns = dns
      this.monitor.setHostLookup((address) => dns.hostOf(address))
    } else if (!wantDns && this.reverseDns) {
      this.reverseDns.close()
      this.reverseDns = null
      this.monitor.setHostLookup(null)
    }
  }
}
