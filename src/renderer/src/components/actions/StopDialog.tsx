import { useEffect, useState } from 'react'
import { endpoint } from '../../../../shared/endpoint'
import type { StopAdvice, StopOutcome, StopScope, StopTarget } from '../../../../shared/stop'
import { CopyButton } from '../story/CopyButton'
import { portolanApi } from '../../lib/portolan-api'
import { Dialog } from '../dialogs/Dialog'
import { errorText } from '../story/registry-api'
import { provenanceLines } from '../../lib/provenance-text'

type StopState =
  | { kind: 'describing' }
  | { kind: 'refused'; message: string }
  | { kind: 'confirm'; target: StopTarget }
  | { kind: 'stopping'; target: StopTarget; force: boolean; scope: StopScope }
  | { kind: 'done'; target: StopTarget; outcome: StopOutcome }

export interface StopDialogProps {
  rowId: string
  onClose(): void
}

/** Good news reads as status; anything else as an alert. */
const GOOD_RESULTS: ReadonlySet<StopOutcome['result']> = new Set(['freed', 'gone-already'])

/** Confirms who will be stopped (from describeStop), stops it, and says exactly what happened. */
export function StopDialog({ rowId, onClose }: StopDialogProps) {
  const [state, setState] = useState<StopState>({ kind: 'describing' })

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
