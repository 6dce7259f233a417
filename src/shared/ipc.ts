import type { Delta, MonitorStatus, Protocol, Snapshot } from './row'
import type { PortLabel, Story } from './story'

/** Channel names, the only ones main and preload use. */
export const IpcChannel = {
  snapshot: 'portolan:snapshot',
  story: 'portolan:story',
  delta: 'portolan:delta',
  status: 'portolan:status',
  registryInfo: 'portolan:registry-info',
  updateRegistry: 'portolan:registry-update',
  labels: 'portolan:labels',
  setLabel: 'portolan:label-set',
  removeLabel: 'portolan:label-remove',
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

/** What `registry info --json` prints, and what the app shows about the registry in use. */
export interface RegistryInfo {
  source: string
  /** YYYY-MM-DD of the newest data. */
  asOf: string
  records: number
  /** Distinct port numbers with at least one assigned or reserved record. */
  ports: number
}

/** The default source offered by "Update registry from IANA". */
export const IANA_REGISTRY_URL = 'https://www.iana.org/assignments/service-names-port-numbers/service-names-port-numbers.xml'

/**
 * Registry and label methods of window.portolan (issue 4). Kept apart so the page can feature-detect them
 * until the preload exposes them; PortolanApi should extend this once it does.
 */
export interface PortolanRegistryApi {
  registryInfo(): Promise<RegistryInfo>
  /** source: an http(s) URL of IANA's CSV or XML. Rejects with a one-sentence reason; the registry in use stays. */
  updateRegistry(source: string): Promise<RegistryInfo>
  labels(): Promise<PortLabel[]>
  setLabel(label: PortLabel): Promise<PortLabel>
  removeLabel(port: number, protocol: Protocol | null): Promise<boolean>
}
