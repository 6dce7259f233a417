import type { Delta, MonitorStatus, Row, Snapshot } from '../../../../src/shared/row'

export function makeRow(port: number, overrides: Partial<Row> = {}): Row {
  return {
    id: `tcp|4|127.0.0.1|${port}`,
    protocol: 'tcp',
    family: 4,
    address: '127.0.0.1',
    port,
    state: 'LISTEN',
    pid: 1000 + port,
    process: `proc${port}`,
    service: null,
    description: null,
    range: port < 1024 ? 'system' : port < 49152 ? 'user' : 'dynamic',
    exposure: 'loopback',
    remoteAddress: null,
    remotePort: null,
    uid: 1000,
    ownerHidden: false,
    since: 1_000,
    container: null,
    ...overrides,
  }
}

export const okStatus: MonitorStatus = {
  state: 'ok',
  collector: 'fake',
  collectorNote: null,
  intervalMs: 1000,
  lastPollAt: 1_000,
  lastPollMs: 3,
  error: null,
  consecutiveFailures: 0,
  nextPollAt: 2_000,
  rowCount: 0,
  hiddenOwners: 0,
  privileged: false,
}

export function snapshotOf(seq: number, rows: Row[]): Snapshot {
  return { seq, rows, status: { ...okStatus, rowCount: rows.length } }
}

export function delta(seq: number, parts: Partial<Omit<Delta, 'seq'>>): Delta {
  return { seq, added: [], changed: [], removed: [], ...parts }
}
