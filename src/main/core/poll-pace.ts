import type { Poller } from '../monitor/poller'
import type { SettingsStore } from './settings-store'

/** How much slower the monitor polls while nobody is looking (window hidden). */
export const BACKGROUND_INTERVAL_FACTOR = 5

/**
 * How fast the monitor polls: the user's interval while the window is visible, slower while it is
 * hidden (alerts and history still need a poll), or not at all while paused.
 */
export class PollPace {
  private foregroundIntervalMs: number
  private visible = true
  private readonly offSettings: () => void

  constructor(private readonly monitor: Pick<Poller, 'setIntervalMs' | 'pause' | 'resume' | 'status'>, settings: Pick<SettingsStore, 'onChange'>) {
    this.foregroundIntervalMs = monitor.status.intervalMs
    this.offSettings = settings.onChange((changed) => this.setIntervalMs(changed.pollIntervalMs))
  }

  /** Hidden windows still get a slow background poll, so alerts and history keep working. */
  setVisible(visible: boolean): void {
    this.visible = visible
    this.apply()
  }

  setIntervalMs(ms: number): void {
    this.foregroundIntervalMs = ms
    this.apply()
  }

  setPaused(paused: boolean): void {
    if (paused) this.monitor.pause()
    else this.monitor.resume()
  }

  dispose(): void {
    this.offSettings()
  }

  private apply(): void {
    this.monitor.setIntervalMs(this.visible ? this.foregroundIntervalMs : this.foregroundIntervalMs * BACKGROUND_INTERVAL_FACTOR)
  }
}
