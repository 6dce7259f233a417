import type { Protocol } from '../../shared/row'
import type { PortLabel } from '../../shared/story'
import type { LabelStore } from '../registry/labels'
import type { Poller } from '../monitor/poller'

/** The label a row shows: the one for its protocol before one for both; null without any. */
export function labelText(labels: readonly PortLabel[], protocol: Protocol): string | null {
  const label = labels.find((l) => l.protocol === protocol) ?? labels.find((l) => l.protocol === null)
  return label?.label ?? null
}

/** A row's label from the user's labels, as the monitor joins it. */
export function rowLabelOf(labels: Pick<LabelStore, 'at'>): (port: number, protocol: Protocol) => string | null {
  return (port, protocol) => labelText(labels.at(port, protocol), protocol)
}

/** Rows carry their port's label: each change rebuilds them now, so the table shows it without waiting a poll. Returns the unsubscribe. */
export function relabelRowsOnChange(labels: Pick<LabelStore, 'onChange'>, monitor: Pick<Poller, 'invalidate' | 'pollNow' | 'status'>): () => void {
  return labels.onChange(() => {
    monitor.invalidate()
    if (monitor.status.state !== 'paused') void monitor.pollNow()
  })
}
