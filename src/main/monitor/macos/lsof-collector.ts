import { execFile } from 'node:child_process'
import { LISTEN_STATE, UNCONNECTED_STATE, type CollectOptions, type Collector, type SocketRecord } from '../collector'
import { LSOF_FIELDS, parseLsofFields } from './lsof-fields'

/** lsof is a child process with real cost: at most one run per this many ms; polls in between reuse the last. */
export const LSOF_MIN_INTERVAL_MS = 5000
const LSOF_TIMEOUT_MS = 20_000

export type LsofRunner = (args: readonly string[], signal: AbortSignal) => Promise<string>

/** Runs lsof; exit status 1 with no output and no error text is lsof's "nothing matched". */
export const runLsof: LsofRunner = (args, signal) =>
  new Promise((resolve, reject) => {
    execFile('lsof', [...args], { signal, timeout: LSOF_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (!error || (error.code === 1 && stderr.trim() === '')) resolve(stdout)
      else reject(new Error(`lsof failed: ${stderr.trim().split('\n')[0] || error.message}`))
    })
  })

/**
 * The macOS fallback when libproc cannot be used: lsof's field output, parsed, at a bounded cadence.
 * Without root, lsof on macOS sees only the user's own processes.
 */
export class LsofCollector implements Collector {
  readonly name = 'lsof'
  readonly note: string
  private last: { at: number; includeConnections: boolean; records: SocketRecord[] } | null = null

  constructor(
    private readonly run: LsofRunner = runLsof,
    private readonly minIntervalMs = LSOF_MIN_INTERVAL_MS,
    private readonly now: () => number = Date.now,
  ) {
    this.note = `lsof runs at most every ${Math.round(minIntervalMs / 1000)} s, and without root it lists only your own processes' sockets.`
  }

  /**
   * Every TCP and UDP socket; listeners are picked here. (`-sTCP:LISTEN` would filter TCP in lsof, but with
   * it lsof 4.95 also drops every UDP file and exits 1, so the state filter is not left to lsof.)
   */
  static readonly args: readonly string[] = ['-nP', '-w', '-iTCP', '-iUDP', `-F${LSOF_FIELDS}`]

  async collect({ includeConnections, signal }: CollectOptions): Promise<SocketRecord[]> {
    const last = this.last
    if (last && last.includeConnections === includeConnections && this.now() - last.at < this.minIntervalMs) return last.records
    const output = await this.run(LsofCollector.args, signal)
    const parsed = parseLsofFields(output)
    const records = includeConnections ? parsed : parsed.filter((r) => r.state === LISTEN_STATE || r.state === UNCONNECTED_STATE)
    this.last = { at: this.now(), includeConnections, records: Object.freeze(records) as SocketRecord[] }
    return this.last.records
  }
}
