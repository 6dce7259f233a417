import { useEffect, useState } from 'react'
import { endpoint } from '../../../../shared/endpoint'
import type { StopAdvice, StopOutcome, StopScope, StopTarget, StopTargetAnswer } from '../../../../shared/stop'
import { CopyButton } from '../story/CopyButton'
import { portolanApi } from '../../lib/portolan-api'
import { Dialog } from '../dialogs/Dialog'
import { errorText } from '../../lib/error-text'
import { provenanceLines } from '../../lib/provenance-text'

type StopState =
  | { kind: 'describing' }
  | { kind: 'refused'; message: string }
  | { kind: 'confirm'; target: StopTarget }
  | { kind: 'stopping'; target: StopTarget; force: boolean; scope: StopScope }
  | { kind: 'done'; target: StopTarget; outcome: StopOutcome }

export interface StopDialogProps {
  /** The selected rows; their distinct processes are described and, once confirmed, stopped. */
  rowIds: readonly string[]
  onClose: () => void
}

/** Good news reads as status; anything else as an alert. */
const GOOD_RESULTS: ReadonlySet<StopOutcome['result']> = new Set(['freed', 'gone-already'])

/** Confirms who will be stopped, stops it, and says exactly what happened: one process, or several. */
export function StopDialog({ rowIds, onClose }: StopDialogProps) {
  const [only] = rowIds
  return only !== undefined && rowIds.length === 1 ? <SingleStop rowId={only} onClose={onClose} /> : <MultiStop rowIds={rowIds} onClose={onClose} />
}

/** Confirms who will be stopped (from describeStop), stops it, and says exactly what happened. */
function SingleStop({ rowId, onClose }: { rowId: string; onClose: () => void }) {  const [state, setState] = useState<StopState>({ kind: 'describing' })

  useEffect(() => {
    let current = true
    portolanApi()
      .describeStop(rowId)
      .then(
        (answer) => current && setState(answer.ok ? { kind: 'confirm', target: answer.target } : { kind: 'refused', message: answer.message }),
        (reason: unknown) => current && setState({ kind: 'refused', message: errorText(reason) }),
      )
    return () => {
      current = false
    }
  }, [rowId])

  const [scope, setScope] = useState<StopScope>('process')
  const stop = (target: StopTarget, force: boolean, what: StopScope = scope) => {
    setScope(what)
    setState({ kind: 'stopping', target, force, scope: what })
    portolanApi()
      .stopProcess(rowId, what === 'process' ? { force } : { force, scope: what })
      .then(
        (outcome) => setState({ kind: 'done', target, outcome }),
        (reason: unknown) => setState({ kind: 'refused', message: errorText(reason) }),
      )
  }

  const title = state.kind === 'describing' || state.kind === 'refused' ? 'Stop process' : `Stop ${state.target.name ?? `pid ${state.target.pid}`}`
  return (
    <Dialog title={title} onClose={onClose} className="stop-dialog">
      {state.kind === 'describing' && <p role="status">Looking up the process…</p>}
      {state.kind === 'refused' && (
        <p className="stop-outcome outcome-bad" role="alert">
          {state.message}
        </p>
      )}
      {state.kind !== 'describing' && state.kind !== 'refused' && <TargetDetails target={state.target} />}
      {state.kind === 'confirm' && state.target.advice && <AdviceBox advice={state.target.advice} />}
      {state.kind === 'stopping' && <p role="status">{state.force ? 'Force stopping…' : state.scope === 'container' ? 'Stopping the container, then checking the port…' : 'Stopping, then checking the port…'}</p>}
      {state.kind === 'done' && (
        <p
          className={`stop-outcome ${GOOD_RESULTS.has(state.outcome.result) ? 'outcome-good' : 'outcome-bad'}`}
          role={GOOD_RESULTS.has(state.outcome.result) ? 'status' : 'alert'}
          data-result={state.outcome.result}
        >
          {state.outcome.message}
        </p>
      )}
      <div className="dialog-buttons">
        {state.kind === 'confirm' ? (
          <>
            <button type="button" onClick={onClose} autoFocus>
              Cancel
            </button>
            {state.target.advice?.scopes.includes('group') && state.target.advice.group && (
              <button type="button" className="danger" data-scope="group" onClick={() => stop(state.target, false, 'group')}>
                Stop group ({state.target.advice.group.members} processes)
              </button>
            )}
            {state.target.advice?.scopes.includes('container') && state.target.advice.container && (
              <button type="button" className="danger" data-scope="container" onClick={() => stop(state.target, false, 'container')}>
                Stop container {state.target.advice.container.name}
              </button>
            )}
            <button type="button" className="danger" data-scope="process" onClick={() => stop(state.target, false, 'process')}>
              Stop process
            </button>
          </>
        ) : (
          <>
            {state.kind === 'done' && state.outcome.canForce && (
              <button type="button" className="danger" onClick={() => stop(state.target, true)}>
                Force stop
              </button>
            )}
            <button type="button" onClick={onClose} disabled={state.kind === 'stopping'}>
              Close
            </button>
          </>
        )}
      </div>
    </Dialog>
  )
}

/** What stopping only the process leads to, and the command that stops what keeps it running. */
function AdviceBox({ advice }: { advice: StopAdvice }) {
  if (!advice.warning && !advice.command && !advice.group) return null
  return (
    <div className="stop-advice" data-field="advice">
      {advice.warning && <p className="stop-warning">{advice.warning}</p>}
      {advice.group && (
        <p className="muted">
          Process group {advice.group.id}
          {advice.group.leader ? `, led by ${advice.group.leader}` : ''}: {advice.group.members} processes.
        </p>
      )}
      {advice.command && (
        <p className="stop-command">
          <code data-field="command">{advice.command}</code> <CopyButton text={advice.command} label="the command" />
        </p>
      )}
      {advice.alternatives?.map((alternative) => (
        <p className="stop-command" key={alternative.command}>
          <span className="muted">{alternative.label}: </span>
          <code data-field="alternative-command">{alternative.command}</code> <CopyButton text={alternative.command} label={`the command (${alternative.label})`} />
        </p>
      ))}
    </div>
  )
}

/** Everything the user needs to be sure it is the right process. */
function TargetDetails({ target }: { target: StopTarget }) {
  const unknown = <span className="muted">not known</span>
  return (
    <dl className="stop-target">
      <dt>Process</dt>
      <dd data-field="name">{target.name ?? unknown}</dd>
      <dt>PID</dt>
      <dd data-field="pid">{target.pid}</dd>
      <dt>Executable</dt>
      <dd data-field="executable">{target.executable ? <code>{target.executable}</code> : unknown}</dd>
      <dt>Command line</dt>
      <dd data-field="command-line">{target.commandLine ? <code>{target.commandLine.join(' ')}</code> : unknown}</dd>
      <dt>User</dt>
      <dd data-field="user">{target.user ?? unknown}</dd>
      <dt>Started by</dt>
      <dd data-field="provenance">
        {target.provenance && provenanceLines(target.provenance).length > 0 ? (
          <ul className="provenance-lines">
            {provenanceLines(target.provenance).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        ) : (
          unknown
        )}
      </dd>
      <dt>Listening on</dt>
      <dd data-field="ports">
        <ul className="held-ports">
          {target.ports.map((held) => (
            <li key={`${held.protocol} ${held.address} ${held.port}`}>
              {held.protocol} {endpoint(held.address, held.port)}
            </li>
          ))}
        </ul>
      </dd>
    </dl>
  )
}

type Described = { rowId: string; answer: StopTargetAnswer }
type MultiState =
  | { kind: 'describing' }
  | { kind: 'confirm'; described: Described[] }
  | { kind: 'stopping'; described: Described[]; outcomes: Map<string, StopOutcome | string> }
  | { kind: 'done'; described: Described[]; outcomes: Map<string, StopOutcome | string> }

/** One row per distinct process (the first selected row of each pid): described together, stopped one by one. */
function MultiStop({ rowIds, onClose }: { rowIds: readonly string[]; onClose: () => void }) {
  const [state, setState] = useState<MultiState>({ kind: 'describing' })

  useEffect(() => {
    let current = true
    // Never rejects: each failed description becomes a refusal in its own row.
    void Promise.all(
      rowIds.map((rowId) =>
        portolanApi()
          .describeStop(rowId)
          .then(
            (answer): Described => ({ rowId, answer }),
            (reason: unknown): Described => ({ rowId, answer: { ok: false, message: errorText(reason) } }),
          ),
      ),
    ).then((all) => {
      if (!current) return
      const seen = new Set<number | string>()
      const described = all.filter(({ answer }) => {
        // One entry per process, and one per distinct refusal.
        const key = answer.ok ? answer.target.pid : answer.message
        if (seen.has(key)) return false
        seen.add(key)
        return true
      })
      setState({ kind: 'confirm', described })
    })
    return () => {
      current = false
    }
  }, [rowIds])

  const stopAll = async (described: Described[]) => {
    const outcomes = new Map<string, StopOutcome | string>()
    setState({ kind: 'stopping', described, outcomes })
    for (const { rowId, answer } of described) {
      if (!answer.ok) continue
      const outcome = await portolanApi()
        .stopProcess(rowId, { force: false })
        .catch((reason: unknown) => errorText(reason))
      outcomes.set(rowId, outcome)
      setState({ kind: 'stopping', described, outcomes: new Map(outcomes) })
    }
    setState({ kind: 'done', described, outcomes })
  }

  const stoppable = state.kind === 'describing' ? [] : state.described.filter((d) => d.answer.ok)
  return (
    <Dialog title={state.kind === 'describing' || stoppable.length === 0 ? 'Stop processes' : `Stop ${stoppable.length} ${stoppable.length === 1 ? 'process' : 'processes'}`} onClose={onClose} className="stop-dialog">
      {state.kind === 'describing' && <p role="status">Looking up the processes…</p>}
      {state.kind !== 'describing' && (
        <ul className="stop-list">
          {state.described.map(({ rowId, answer }) => {
            const outcome = state.kind === 'confirm' ? undefined : state.outcomes.get(rowId)
            return (
              <li key={rowId}>
                {answer.ok ? (
                  <>
                    <strong>{answer.target.name ?? `pid ${answer.target.pid}`}</strong> (pid {answer.target.pid}
                    {answer.target.user ? `, ${answer.target.user}` : ''}) on{' '}
                    {answer.target.ports.map((held) => `${held.protocol} ${endpoint(held.address, held.port)}`).join(', ')}
                    {answer.target.commandLine && <code className="stop-command">{answer.target.commandLine.join(' ')}</code>}
                  </>
                ) : (
                  <span className="muted">Not stopped: {answer.message}</span>
                )}
                {outcome !== undefined && (
                  <p
                    className={`stop-outcome ${typeof outcome !== 'string' && GOOD_RESULTS.has(outcome.result) ? 'outcome-good' : 'outcome-bad'}`}
                    data-result={typeof outcome === 'string' ? 'error' : outcome.result}
                  >
                    {typeof outcome === 'string' ? outcome : outcome.message}
                  </p>
                )}
              </li>
            )
          })}
        </ul>
      )}
      {state.kind === 'stopping' && <p role="status">Stopping, then checking each port…</p>}
      <div className="dialog-buttons">
        {state.kind === 'confirm' && stoppable.length > 0 ? (
          <>
            <button type="button" onClick={onClose} autoFocus>
              Cancel
            </button>
            <button type="button" className="danger" onClick={() => void stopAll(state.described)}>
              Stop {stoppable.length === 1 ? 'process' : `${stoppable.length} processes`}
            </button>
          </>
        ) : (
          <button type="button" onClick={onClose} disabled={state.kind === 'stopping'}>
            Close
          </button>
        )}
      </div>
    </Dialog>
  )
}
