import { useEffect, useState } from 'react'
import { endpoint } from '../../../../shared/endpoint'
import type { StopOutcome, StopTarget, StopTargetAnswer } from '../../../../shared/stop'
import { portolanApi } from '../../lib/portolan-api'
import { Dialog } from '../dialogs/Dialog'
import { errorText } from '../story/registry-api'

type StopState =
  | { kind: 'describing' }
  | { kind: 'refused'; message: string }
  | { kind: 'confirm'; target: StopTarget }
  | { kind: 'stopping'; target: StopTarget; force: boolean }
  | { kind: 'done'; target: StopTarget; outcome: StopOutcome }

export interface StopDialogProps {
  /** The selected rows; their distinct processes are described and, once confirmed, stopped. */
  rowIds: readonly string[]
  onClose(): void
}

/** Good news reads as status; anything else as an alert. */
const GOOD_RESULTS: ReadonlySet<StopOutcome['result']> = new Set(['freed', 'gone-already'])

/** Confirms who will be stopped, stops it, and says exactly what happened: one process, or several. */
export function StopDialog({ rowIds, onClose }: StopDialogProps) {
  return rowIds.length === 1 ? <SingleStop rowId={rowIds[0]} onClose={onClose} /> : <MultiStop rowIds={rowIds} onClose={onClose} />
}

/** Confirms who will be stopped (from describeStop), stops it, and says exactly what happened. */
function SingleStop({ rowId, onClose }: { rowId: string; onClose(): void }) {  const [state, setState] = useState<StopState>({ kind: 'describing' })

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

  const stop = (target: StopTarget, force: boolean) => {
    setState({ kind: 'stopping', target, force })
    portolanApi()
      .stopProcess(rowId, { force })
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
      {state.kind === 'stopping' && <p role="status">{state.force ? 'Force stopping…' : 'Stopping, then checking the port…'}</p>}
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
            <button type="button" className="danger" onClick={() => stop(state.target, false)}>
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
function MultiStop({ rowIds, onClose }: { rowIds: readonly string[]; onClose(): void }) {
  const [state, setState] = useState<MultiState>({ kind: 'describing' })

  useEffect(() => {
    let current = true
    Promise.all(
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
