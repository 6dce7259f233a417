import { join } from 'node:path'
import * as v from 'valibot'
import type { Protocol } from '../../shared/row'
import type { PortLabel } from '../../shared/story'
import { PortLabelSchema, parseWith } from '../../shared/validate'
import { dataDir } from '../storage/data-dir'
import { loadJsonFile, saveJsonFile } from '../storage/json-file'

/** The user's own port labels, one JSON file in the data directory. */
export class LabelStore {
  private labels: PortLabel[]
  /** Set when labels.json was unreadable: it was moved aside and the labels start empty. */
  readonly notice: string | null

  constructor(private readonly path: string = join(dataDir(), 'labels.json')) {
    const loaded = loadJsonFile(path, v.array(PortLabelSchema), [])
    this.labels = loaded.value
    this.notice = loaded.notice
  }

  list(): PortLabel[] {
    return [...this.labels]
  }

  at(port: number, protocol: Protocol | null): PortLabel[] {
    return this.labels.filter((l) => l.port === port && (protocol === null || l.protocol === null || l.protocol === protocol))
  }

  /** Adds or replaces the label for this port and protocol. */
  set(input: unknown): PortLabel {
    const label = parseWith(PortLabelSchema, input)
    this.labels = [...this.labels.filter((l) => !(l.port === label.port && l.protocol === label.protocol)), label]
    this.save()
    return label
  }

  remove(port: number, protocol: Protocol | null): boolean {
    const before = this.labels.length
    this.labels = this.labels.filter((l) => !(l.port === port && l.protocol === protocol))
    if (this.labels.length === before) return false
    this.save()
    return true
  }

  private save(): void {
    saveJsonFile(this.path, this.labels)
  }
}
