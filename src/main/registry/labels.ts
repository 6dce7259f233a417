import { join } from 'node:path'
import * as v from 'valibot'
import type { Protocol } from '../../shared/row'
import type { PortLabel } from '../../shared/story'
import { PortLabelSchema, describeIssues, parseWith } from '../../shared/validate'
import { dataDir } from '../storage/data-dir'
import { loadSalvagedFile, saveJsonFile, type Salvaged } from '../storage/json-file'

/** Every valid label of the file; a bad one is left out (and named), never the whole file. */
export function decodeLabels(json: unknown): Salvaged<PortLabel[]> {
  if (!Array.isArray(json)) throw new Error('not a list of labels')
  const labels: PortLabel[] = []
  let firstProblem: string | null = null
  let bad = 0
  for (const [index, item] of json.entries()) {
    const result = v.safeParse(PortLabelSchema, item)
    if (result.success) labels.push(result.output)
    else {
      bad++
      firstProblem ??= `#${index + 1}: ${describeIssues(result.issues)}`
    }
  }
  const dropped = bad === 0 ? null : `left out ${bad} unreadable label${bad === 1 ? '' : 's'} (${firstProblem})`
  return { value: labels, dropped }
}

/** The user's own port labels, one JSON file in the data directory. */
export class LabelStore {
  private labels: PortLabel[]
  private readonly listeners = new Set<() => void>()
  /** Set when labels.json was unreadable (moved aside, labels start empty) or some labels in it were (left out). */
  readonly notice: string | null

  constructor(private readonly path: string = join(dataDir(), 'labels.json')) {
    const loaded = loadSalvagedFile(path, decodeLabels, [])
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

  /** Called after each saved change (rows carry their port's label, so they must be rebuilt). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private save(): void {
    saveJsonFile(this.path, this.labels)
    for (const listener of this.listeners) listener()
  }
}
