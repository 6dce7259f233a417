import type { ContainerRef, Exposure, PortRange, Protocol, Row } from './row'

// A port's story (DESIGN.md "A port story"), produced in registry/ and rendered by the app and the CLI.
// Paragraphs may carry footnote markers like "[2]" that point into `sources` (1-based).

export type StoryOs = 'linux' | 'macos' | 'windows'

export interface StorySource {
  n: number
  title: string
  url: string
}

export interface StoryCheck {
  os: StoryOs
  command: string
  note: string | null
}

export interface StoryReference {
  text: string
  url: string | null
}

export interface StoryRegistryRecord {
  service: string | null
  /** "1322", or "6000-6063" for a range record; "" for a row that registers a name only. */
  ports: string
  protocol: string | null
  description: string | null
  assignee: string | null
  contact: string | null
  registered: string | null
  modified: string | null
  references: StoryReference[]
  unauthorizedUse: string | null
  notes: string | null
  /** Which data set the record came from: "iana" (older imports may say otherwise). */
  origin: string
  /** Footnote number of the registry entry. */
  source: number | null
}

export type StoryUseKind = 'default' | 'convention' | 'report' | 'label'

export interface StoryUse {
  software: string
  protocol: Protocol | null
  recognize: string | null
  kind: StoryUseKind
  /** Only on this OS, when the use is OS-specific. */
  platform: StoryOs | null
  /** Set when this everyday use contradicts, or completes, what IANA registered. */
  contrast: string | null
  note: string | null
  source: number | null
  /** True for a label the user added. */
  userLabel: boolean
}

export interface StorySection {
  id: 'what' | 'registry' | 'uses' | 'matters' | 'live' | 'check'
  heading: string
  paragraphs: string[]
}

export interface RangeFacts {
  id: PortRange
  /** RFC 6335's name: System, User, Dynamic/Private. */
  name: string
  /** The everyday name: well-known, registered, dynamic. */
  commonName: string
  low: number
  high: number
}

export interface EphemeralRange {
  os: StoryOs
  low: number
  high: number
  /** Where the bounds came from: a kernel file, or "default". */
  origin: string
}

/** One socket's holder on this machine now, with what the OS tells about the process. */
export interface StoryHolder {
  rowId: string
  protocol: Protocol
  address: string
  port: number
  exposure: Exposure
  pid: number | null
  process: string | null
  /** argv, when the OS lets Portolan read it. */
  commandLine: string[] | null
  user: string | null
  uid: number | null
  /** Epoch ms the process started, when known. */
  startTime: number | null
  /** Epoch ms this monitor first saw the socket. */
  since: number
  container: ContainerRef | null
  /** The software the process is, told from its name and command line ("Vite dev server"); null when unknown. */
  software: string | null
  /** What gave it away ("its command line runs vite"). */
  evidence: string | null
}

/** A range beside the others, with how many of its ports the registry in use names. */
export interface StoryRangeScale extends RangeFacts {
  size: number
  /** Ports with at least one named service (any protocol). */
  named: number
}

export interface Story {
  port: number
  protocol: Protocol | null
  title: string
  name: string
  tagline: string
  range: PortRange
  rangeFacts: RangeFacts
  ephemeral: EphemeralRange & { contains: boolean }
  sections: StorySection[]
  records: StoryRegistryRecord[]
  uses: StoryUse[]
  live: Row[]
  /** The holders of the live sockets, in the order of `live`. */
  holders: StoryHolder[]
  checks: StoryCheck[]
  sources: StorySource[]
  /** description: "IANA's registry of 2026-08-17, bundled with Portolan" (or imported on …). */
  registry: { source: string; asOf: string; description: string }
  /** The three ranges side by side, and how many ports the registry in use names in each and in all. */
  scale: { named: number; ranges: StoryRangeScale[] }
}

/** A user's own name for a port; shown before everything else in "what actually uses it". */
export interface PortLabel {
  port: number
  /** null: both tcp and udp. */
  protocol: Protocol | null
  label: string
  note: string | null
}
