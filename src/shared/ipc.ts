import type { Delta, MonitorStatus, Protocol, Snapshot } from './row'
import type { Story } from './story'

/** Channel names, the only ones main and preload use. */
export const IpcChannel = {
  snapshot: 'portolan:snapshot',
  story: 'portolan:story',
  delta: 'portolan:delta',
  status: 'portolan:status',
} as const
export type IpcChannel = (typeof IpcChannel)[keyof typeof IpcChannel]

export type Unsubscribe = () => void

/** window.portolan: the whole surface the page sees. */
export interface PortolanApi {
  snapshot(): Promise<Snapshot>
  onDelta(cb: (delta: Delta) => void): Unsubscribe
  onStatus(cb: (status: MonitorStatus) => void): Unsubscribe
  story(port: number, protocol?: Protocol): Promise<Story>
}
