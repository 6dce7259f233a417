import type { PortRange, Protocol, Row } from './row'

// A port's story (DESIGN.md "A port story"), produced in registry/ and rendered by the app and the CLI.
// Text fields may carry footnote markers like "[2]" that point into `sources` (1-based).

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

export interface StoryRegistryRecord {
  service: string | null
  /** "1322", or "6000-6063" for a range record. */
  ports: string
  protocol: string | null
  description: string | null
  assignee: string | null
  contact: string | null
  registered: string | null
  modified: string | null
  references: { text: string; url: string | null }[]
  unauthorizedUse: string | null
  notes: string | null
}

export interface StoryUse {
  software: string
  recognize: string
  /** Set when this everyday use contradicts what IANA registered. */
  contrast: string | null
  source: number | null
  /** True for a label the user added. */
  userLabel: boolean
}

export interface StorySection {
  id: 'what' | 'registry' | 'uses' | 'matters' | 'live' | 'check'
  heading: string
  paragraphs: string[]
}

export interface Story {
  port: number
  protocol: Protocol | null
  title: string
  name: string
  tagline: string
  range: PortRange
  sections: StorySection[]
  records: StoryRegistryRecord[]
  uses: StoryUse[]
  live: Row[]
  checks: StoryCheck[]
  sources: StorySource[]
  registry: { source: string; asOf: string }
}
