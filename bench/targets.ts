import type { Measurement } from './report'

const find = (ms: readonly Measurement[], name: string, n?: number): Measurement | undefined =>
  ms.find((m) => m.name === name && (n === undefined || m.n === n))

function verdict(label: string, value: number | undefined, limit: number, unit: string): string {
  if (value === undefined || !Number.isFinite(value)) return `  ${label}: not measured`
  const ok = value <= limit
  const by = ok ? '' : ` (missed by ${(value - limit).toFixed(2)}${unit}, ${(value / limit).toFixed(2)}x the limit)`
  return `  ${ok ? 'met ' : 'MISS'} ${label}: ${value.toFixed(3)}${unit} <= ${limit}${unit}${by}`
}

/** The targets, checked against what this run measured. */
export function targetNotes(ms: readonly Measurement[]): string[] {
  const largest = Math.max(...ms.filter((m) => m.name === 'poll.portolan').map((m) => m.n))
  const portolan = find(ms, 'poll.portolan', largest)?.median
  const si = find(ms, 'poll.systeminformation', largest)?.median
  const floor = find(ms, 'poll.floor', largest)?.median
  const ratio = (a: number | undefined, b: number | undefined): number | undefined => (a === undefined || b === undefined ? undefined : a / b)
  const eventLoop = ms.filter((m) => m.name === 'eventloop.maxDelay').map((m) => m.p95)
  const renderer = find(ms, 'renderer.update', 10_000)
  return [
    'Targets:',
    verdict(`N=${largest} portolan / systeminformation median`, ratio(portolan, si), 0.1, 'x'),
    verdict(`N=${largest} portolan / floor median`, ratio(portolan, floor), 2, 'x'),
    verdict('N=50 portolan poll median', find(ms, 'poll.portolan', 50)?.median, 2, ' ms'),
    verdict('N=50 idle CPU at 1 s (median of 1 s windows)', find(ms, 'idle.cpu', 50)?.median, 0.5, ' %'),
    verdict('event-loop delay while polling (worst p95 over N)', eventLoop.length ? Math.max(...eventLoop) : undefined, 20, ' ms'),
    verdict('renderer update median', renderer?.median, 8, ' ms'),
    verdict('renderer update p95', renderer?.p95, 16, ' ms'),
    verdict('renderer first render', find(ms, 'renderer.firstRender')?.median, 150, ' ms'),
  ]
}
