// window.portolan for component tests: the real API shape (built by shared/ipc.ts's buildPortolanApi from
// the contract), over a transport that validates each request's arguments against the contract, as main's
// handlers do, records it, and answers with the test's realistic answer.
import * as v from 'valibot'
import {
  REQUESTS,
  buildPortolanApi,
  requestChannel,
  type ApiTransport,
  type PortolanApi,
  type PushName,
  type PushPayload,
  type RequestName,
  type RequestResult,
  type ValidArgs,
} from '../../../../../src/shared/ipc'
import { errorText } from '../../../../../src/shared/error-text'
import { DEFAULT_SETTINGS, type Settings } from '../../../../../src/shared/settings'
import { describeIssues } from '../../../../../src/shared/validate'

/** What main answers for a request, given its validated arguments; a throw or rejection is main's refusal. */
export type Answers = { [N in RequestName]?: (...args: ValidArgs<N>) => RequestResult<N> | Promise<RequestResult<N>> }

export interface RecordedCall {
  name: RequestName
  /** As the handler receives them: validated by the contract's schema. */
  args: unknown[]
}

export interface FakeApi {
  api: PortolanApi
  /** Every request main answered (its arguments passed the contract), in order. */
  calls: RecordedCall[]
  /** Requests the contract refused, with main's one-sentence reason, as the page sent them. */
  refusals: { name: RequestName; message: string }[]
  /** The recorded arguments of every call to `name`, in order. */
  callsTo<N extends RequestName>(name: N): ValidArgs<N>[]
  /** main pushes to the page (delta, status, settings, …). */
  push<N extends PushName>(name: N, payload: PushPayload<N>): void
}

type AnyAnswer = (...args: unknown[]) => unknown

/** How a refusal reaches the page over Electron's IPC (main/ipc.ts throws an IpcRequestError with the reason). */
function refusal(name: RequestName, message: string): Error {
  return new Error(`Error invoking remote method '${requestChannel(name)}': IpcRequestError: ${message}`)
}

/**
 * A recording stand-in for main behind window.portolan. Like main's answerRequest, it checks the arguments
 * against the contract and refuses with the same one sentence; a handler's throw or rejection comes back as
 * Electron delivers it. A request the test did not answer is refused, as by a host without that handler.
 */
export function createFakeApi(answers: Answers = {}): FakeApi {
  const calls: RecordedCall[] = []
  const refusals: FakeApi['refusals'] = []
  const subscribers = new Map<PushName, Set<(payload: unknown) => void>>()
  const transport: ApiTransport = {
    request: async (name, args) => {
      const parsed = v.safeParse(REQUESTS[name].args, args)
      if (!parsed.success) {
        refusals.push({ name, message: describeIssues(parsed.issues) })
        throw refusal(name, describeIssues(parsed.issues))
      }
      calls.push({ name, args: parsed.output })
      const answer = answers[name] as AnyAnswer | undefined
      if (!answer) throw new Error(`No handler registered for '${requestChannel(name)}'`)
      try {
        return await answer(...parsed.output)
      } catch (error) {
        throw refusal(name, errorText(error))
      }
    },
    subscribe: (name, cb) => {
      const set = subscribers.get(name) ?? new Set()
      set.add(cb)
      subscribers.set(name, set)
      return () => set.delete(cb)
    },
  }
  return {
    api: buildPortolanApi(transport),
    calls,
    refusals,
    callsTo: <N extends RequestName>(name: N) => calls.filter((call) => call.name === name).map((call) => call.args as ValidArgs<N>),
    push: (name, payload) => {
      for (const cb of subscribers.get(name) ?? []) cb(payload)
    },
  }
}

/** Settings as main keeps them: a patch merges into them, and the result is pushed and answered. */
export function settingsAnswers(initial: Settings = DEFAULT_SETTINGS, onChange?: (settings: Settings) => void): Pick<Required<Answers>, 'settings' | 'updateSettings'> {
  let current = initial
  return {
    settings: () => current,
    updateSettings: (patch) => {
      current = { ...current, ...patch }
      onChange?.(current)
      return current
    },
  }
}
