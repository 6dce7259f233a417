// The page side of the renderer benchmark, injected before the app's scripts: a fake window.portolan
// serving ROWS synthetic rows, with pre-built DELTA_ROWS-row deltas the benchmark dispatches one by one.
import { PUSH_NAMES, REQUEST_NAMES, subscriberName } from '../src/shared/ipc'
import { COLUMN_IDS, DEFAULT_SETTINGS } from '../src/shared/settings'

export const ROWS = 10_000
export const DELTA_ROWS = 500

/** rows: the table's size; filterText: the filter the page starts with (restored from the settings, as on a restart). */
export function fakeApiScript(deltaCount: number, rows = ROWS, filterText = ''): string {
  const BENCH_SETTINGS = { ...DEFAULT_SETTINGS, visibleColumns: [...COLUMN_IDS], filters: { ...DEFAULT_SETTINGS.filters, text: filterText } }
  return `(() => {
  const ROWS = ${rows}, DELTA_ROWS = ${DELTA_ROWS}, DELTAS = ${deltaCount}
  const names = ['nginx', 'node', 'postgres', 'redis-server', 'sshd', 'python3', 'java', 'docker-proxy']
  const now = Date.now()
  let nextId = 0
  const row = (i, variant) => {
    const id = nextId++
    const family = id % 3 === 0 ? 6 : 4
    const protocol = id % 4 === 3 ? 'udp' : 'tcp'
    const address = family === 6 ? (id % 2 ? '::1' : '::') : (id % 2 ? '127.0.0.1' : '0.0.0.0')
    const port = 1024 + (id % 60000)
    const pid = 1000 + (id % 500)
    return {
      id: protocol + '|' + address + '|' + port + '|' + pid + '|' + id, protocol, family, address, port,
      state: protocol === 'udp' ? 'UNCONN' : 'LISTEN', pid, process: names[(id + variant) % names.length],
      service: id % 5 ? null : 'service-' + (id % 97), description: null,
      range: port < 49152 ? 'user' : 'dynamic', exposure: address === '::' || address === '0.0.0.0' ? 'all' : 'loopback',
      remoteAddress: null, remotePort: null, uid: 1000, ownerHidden: false, since: now, container: null,
    }
  }
  const live = []
  for (let i = 0; i < ROWS; i++) live.push(row(i, 0))
  const snapshotRows = live.slice()
  // Each delta: 200 rows change, 150 leave, 150 arrive, so the table stays at ROWS rows.
  const deltas = []
  for (let d = 0; d < DELTAS; d++) {
    const changed = []
    for (let k = 0; k < 200; k++) {
      const at = 150 + ((d * 211 + k * 37) % (live.length - 150)) // never a row this delta removes
      live[at] = { ...live[at], process: names[(d + k) % names.length], pid: live[at].pid + 1 }
      changed.push(live[at])
    }
    const removed = live.splice(0, 150).map((r) => r.id)
    const added = []
    for (let k = 0; k < DELTA_ROWS - 350; k++) added.push(row(k, d))
    live.push(...added)
    deltas.push({ seq: d + 1, added, changed, removed })
  }
  const listeners = new Set()
  const status = { state: 'ok', collector: 'bench', collectorNote: null, intervalMs: 250, lastPollAt: now, lastPollMs: 1,
    error: null, consecutiveFailures: 0, nextPollAt: null, rowCount: ROWS, hiddenOwners: 0, privileged: false }
  const snapshotCopy = snapshotRows.slice()
  const api = {
    snapshot: async () => ({ seq: 0, rows: snapshotRows, status }),
    onDelta: (cb) => { listeners.add(cb); return () => listeners.delete(cb) },
    onStatus: () => () => undefined,
    story: () => new Promise(() => undefined),
    // Every column shown (the table's widest case); settings never change during a run.
    settings: async () => (${JSON.stringify(BENCH_SETTINGS)}),
    onSettings: () => () => undefined,
    updateSettings: async () => (${JSON.stringify(BENCH_SETTINGS)}),
  }
  // The rest of the API (notices, alerts, exports…), named from the contract's tables, plays no part
  // here: such a push never fires and such a request never answers, as before main replies.
  for (const name of ${JSON.stringify(REQUEST_NAMES)}) if (!(name in api)) api[name] = () => new Promise(() => undefined)
  for (const name of ${JSON.stringify(PUSH_NAMES.map(subscriberName))}) if (!(name in api)) api[name] = () => () => undefined
  window.portolan = Object.freeze(api)
  const bench = { firstRender: null, dispatch: (d) => { for (const cb of listeners) cb(deltas[d]) }, snapshotRows: snapshotCopy, deltas, filterText: ${JSON.stringify(filterText)} }
  window.__portolanBench = bench
  // First render: the first frame after a data row (not the header) is in the DOM.
  const seen = new MutationObserver(() => {
    if (document.querySelectorAll('[role="row"]').length < 2) return
    seen.disconnect()
    requestAnimationFrame(() => { bench.firstRender = performance.now() })
  })
  seen.observe(document, { childList: true, subtree: true })
})()`
}
