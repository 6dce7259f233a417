import type { Exposure, Row } from '../../../shared/row'

const EXPOSURE_TEXT: Record<Exposure, string> = {
  loopback: 'this machine only (loopback)',
  all: 'every interface: reachable from the network unless a firewall stops it',
  specific: 'one interface address',
}

export function liveRowsAt(rows: readonly Row[], port: number, protocol: 'tcp' | 'udp' | null): Row[] {
  return rows.filter((row) => row.port === port && (protocol === null || row.protocol === protocol))
}

function hostPort(row: Row): string {
  return row.family === 6 && !row.address.startsWith('[') ? `[${row.address}]:${row.port}` : `${row.address}:${row.port}`
}

export function describeLiveRow(row: Row): string {
  const owner = row.process
    ? `${row.process}${row.pid !== null ? ` (pid ${row.pid})` : ''}`
    : row.pid !== null
      ? `pid ${row.pid}`
      : row.ownerHidden
        ? 'an owner hidden from this user (another user\'s socket; run as root to see it)'
        : 'no process (a kernel-owned socket)'
  const state = row.state === 'LISTEN' || row.state === 'UNCONN' ? '' : `, ${row.state}${row.remoteAddress ? ` with ${row.remoteAddress}:${row.remotePort}` : ''}`
  const container = row.container ? ` for Docker container ${row.container.name} (${row.container.image})` : ''
  return `${row.protocol} ${hostPort(row)}: ${owner}${container}; exposed to ${EXPOSURE_TEXT[row.exposure]}${state}; seen since ${new Date(row.since).toISOString()}.`
}
