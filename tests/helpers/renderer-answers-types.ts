// What tests/helpers/renderer-answers.ts builds with main's real code (the registry's story, the stop
// advice and its wording). The page's tests are checked as web code and cannot import main's Node modules,
// so they load that helper at run time (real-answers.ts); the helper imports these types (type-only, over
// src/shared), so both sides agree on one description.
import type { Provenance } from '../../src/shared/provenance'
import type { Protocol, Row } from '../../src/shared/row'
import type { StopAdvice, StopOutcome, StopTarget } from '../../src/shared/stop'
import type { Story } from '../../src/shared/story'

export interface AdviceCase {
  pid: number
  name: string | null
  provenance: Provenance
  /** systemd's Restart= for the unit (what `systemctl show -p Restart` prints). */
  restart?: string
  /** The pids in the process group. */
  groupMembers?: number[]
  canStopContainer?: boolean
}

export interface RealAnswers {
  /** main's story of the port, from the bundled IANA registry and curated uses, on Linux. */
  storyOf(port: number, protocol: Protocol | null, live?: readonly Row[]): Story
  /** main's advice for stopping this process (core/stop-advice.ts). */
  stopAdvice(advice: AdviceCase): Promise<StopAdvice>
  /** What main says once the process exited and the re-scan finds its ports free (core/stop-process.ts). */
  freed(target: StopTarget, signal: 'SIGTERM' | 'SIGKILL'): StopOutcome
}
