// main's real code producing what the page's component tests feed the page (tests/unit/renderer/components):
// the story of a port from the bundled IANA registry, and the stop advice for a process.
import { adviseStop } from '../../src/main/core/stop-advice'
import { LINUX_DEFAULT_EPHEMERAL } from '../../src/main/registry/ranges'
import { Registry } from '../../src/main/registry/model'
import { bundledRegistryData } from '../../src/main/registry/snapshot'
import { tellStory } from '../../src/main/registry/story'
import { portsLabel, portsVerb, processLabel } from '../../src/main/core/stop-wording'
// Type-only, over src/shared types: the page's tests and this helper agree on one description of the answers.
import type { RealAnswers } from './renderer-answers-types'

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
