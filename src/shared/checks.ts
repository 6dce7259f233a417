import type { Protocol } from './row'
import type { StoryCheck } from './story'

/** Commands a reader can run to see the port's owner without Portolan. */
export function checksFor(port: number, protocol: Protocol | null): StoryCheck[] {
  const checks: StoryCheck[] = [
    { os: 'linux', command: `ss -ltnup 'sport = :${port}'`, note: 'listening tcp and udp sockets; without sudo, only your own processes are named' },
    { os: 'linux', command: `sudo lsof -i :${port}`, note: 'every process with a socket on the port, listening or connected' },
    { os: 'macos', command: `sudo lsof -nP -i :${port}`, note: '-nP keeps addresses and ports as numbers' },
    { os: 'windows', command: `netstat -ano | findstr :${port}`, note: 'the last column is the PID; find it in Task Manager, Details tab' },
  ]
  if (protocol !== 'udp') checks.push({ os: 'windows', command: `Get-NetTCPConnection -LocalPort ${port}`, note: 'PowerShell; OwningProcess is the PID' })
  if (protocol !== 'tcp') checks.push({ os: 'windows', command: `Get-NetUDPEndpoint -LocalPort ${port}`, note: 'PowerShell, for udp; OwningProcess is the PID' })
  return checks
}

export const OS_NAMES = { linux: 'Linux', macos: 'macOS', windows: 'Windows' } as const
