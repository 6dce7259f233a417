// Rows as the Linux collector lists them, for the page's component tests.
import type { Provenance } from '../../../../../src/shared/provenance'
import type { Row } from '../../../../../src/shared/row'
import { makeRow } from '../../store/fixtures'

export { okStatus, snapshotOf } from '../../store/fixtures'

/** A TCP listener held by a process Portolan can see, with what /proc tells about it. */
export function listener(port: number, patch: Partial<Row> = {}): Row {
  const pid = patch.pid ?? 4000 + (port % 1000)
  return makeRow(port, {
    id: `tcp|4|127.0.0.1|${port}|${pid}`,
    pid,
    process: 'node',
    commandLine: ['node', 'server.js', '--port', String(port)],
    executable: '/usr/bin/node',
    user: 'ana',
    uid: 1000,
    processStart: Date.UTC(2026, 11, 1, 9, 30),
    ...patch,
  })
}

/** Where a process comes from, with everything the OS did not tell left null. */
export function provenance(patch: Partial<Provenance> = {}): Provenance {
  return { unit: null, container: null, app: null, chain: [], supervisor: null, processGroup: null, session: null, cwd: null, project: null, ...patch }
}
