// main's real code producing what the page's component tests feed the page (tests/unit/renderer/components):
// the story of a port from the bundled IANA registry, and the stop advice for a process.
import { adviseStop } from '../../src/main/core/stop-advice'
import { LINUX_DEFAULT_EPHEMERAL } from '../../src/main/registry/ranges'
import { Registry } from '../../src/main/registry/model'
import { bundledRegistryData } from '../../src/main/registry/snapshot'
import { tellStory } from '../../src/main/registry/story'
import type { Provenance } from '../../src/shared/provenance'
import type { Protocol, Row } from '../../src/shared/row'
import type { StopAdvice, StopOutcome, StopTarget } from '../../src/shared/stop'
import type { Story } from '../../src/shared/story'
import { portsLabel, portsVerb, processLabel } from '../../src/main/core/stop-wording'

/** The same as tests/unit/renderer/components/support/real-answers-types.ts (see there why twice). */
interface AdviceCase {
  pid: number
  name: string | null
  provenance: Provenance
  restart?: string
  groupMembers?: number[]
  canStopContainer?: boolean
}

interface RealAnswers {
  storyOf(port: number, protocol: Protocol | null, live?: readonly Row[]): Story
  stopAdvice(advice: AdviceCase): Promise<StopAdvice>
  freed(target: StopTarget, signal: 'SIGTERM' | 'SIGKILL'): StopOutcome
}

let registry: Registry | null = null

export const realAnswers: RealAnswers = {
  storyOf: (port, protocol, live = []) => {
    registry ??= new Registry(bundledRegistryData())
    return tellStory({ port, protocol, registry, live, ephemeral: { os: 'linux', ...LINUX_DEFAULT_EPHEMERAL, origin: 'default' } })
  },
  stopAdvice: ({ pid, name, provenance, restart, groupMembers, canStopContainer = false }) =>
    adviseStop({
      pid,
      name,
      provenance,
      // Never the test runner: the advice refuses groups holding Portolan itself.
      protect: { self: 1, parent: 1 },
      canStopContainer,
      restartOf: () => Promise.resolve(restart === undefined ? { unknown: 'systemctl is not installed' } : { value: restart }),
      members: () => groupMembers ?? [pid],
    }),
  // The wording of ProcessStopper.afterExit for a freed port.
  freed: (target, signal) => ({
    result: 'freed',
    message: `Stopped ${processLabel(target.name, target.pid)}; ${portsLabel(target.ports)} ${portsVerb(target.ports, 'is', 'are')} free.`,
    pid: target.pid,
    signal,
    takenBy: [],
    canForce: false,
  }),
}
