import type { ShowAllOwnersOutcome } from '../../shared/owner'
import { errorMessage } from '../monitor/collector'
import { nodeHelperProgram, startElevatedHelper, type ElevationOptions, type HelperProgram } from '../monitor/elevation'
import type { HelperCollector } from '../monitor/helper-collector'
import type { HelperSwitch } from '../monitor/helper-switch'
import type { Poller } from '../monitor/poller'

export interface ShowAllOwnersOptions {
  /**
   * What "Show all owners" elevates: the app's own executable in Electron (electronHelperProgram), else
   * this Node running the CLI (nodeHelperProgram, the default).
   */
  helperProgram?: HelperProgram
  /** Elevation details for tests (platform, PATH); the program comes from helperProgram. */
  elevation?: Omit<ElevationOptions, 'program'>
}

/**
 * "Show all owners": starts the elevated helper behind the system's password prompt and has the monitor
 * collect through it (the HelperSwitch it polls); when the helper fails later, the switch falls back on its
 * own and says so.
 */
export class ShowAllOwners {
  private readonly helperProgram: HelperProgram | undefined
  private readonly elevation: Omit<ElevationOptions, 'program'>
  /** A shown command still waiting for someone to run it. */
  private cancelManualHelper: (() => void) | null = null

  constructor(
    private readonly collector: HelperSwitch,
    private readonly monitor: Pick<Poller, 'status' | 'invalidate' | 'pollNow'>,
    options: ShowAllOwnersOptions = {},
  ) {
    this.helperProgram = options.helperProgram
    this.elevation = options.elevation ?? {}
  }

  async show(): Promise<ShowAllOwnersOutcome> {
    if (this.collector.usingHelper) return { state: 'shown', message: 'Every owner is already shown, through the elevated helper.' }
    if (this.monitor.status.privileged) return { state: 'shown', message: 'Portolan already runs with the rights to see every owner.' }
    this.cancelManualHelper?.()
    this.cancelManualHelper = null
    let program: HelperProgram
    try {
      program = this.helperProgram ?? nodeHelperProgram()
    } catch (error) {
      return { state: 'failed', message: `Cannot find the helper to start: ${errorMessage(error)}.` }
    }
    const outcome = await startElevatedHelper({ ...this.elevation, program })
    if (outcome.kind === 'failed') return { state: 'failed', message: outcome.message }
    if (outcome.kind === 'manual') {
      this.cancelManualHelper = outcome.cancel
      outcome.helper.then(
        (helper) => void this.useHelper(helper),
        (error: unknown) => console.error(`portolan: the helper command was not run: ${errorMessage(error)}`),
      )
      return { state: 'manual', message: outcome.message, command: outcome.commandLine }
    }
    await this.useHelper(outcome.helper)
    return this.collector.usingHelper
      ? { state: 'shown', message: 'Showing every owner, through the elevated helper.' }
      : { state: 'failed', message: this.collector.note ?? 'The elevated helper stopped at once; owners stay hidden.' }
  }

  /** Stops waiting for a shown command to be run (the helper in use is closed with the monitor's collector). */
  dispose(): void {
    this.cancelManualHelper?.()
    this.cancelManualHelper = null
  }

  private async useHelper(helper: HelperCollector): Promise<void> {
    this.cancelManualHelper = null
    this.collector.use(helper)
    this.monitor.invalidate()
    await this.monitor.pollNow()
  }
}
