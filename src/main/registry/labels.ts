import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import * as v from 'valibot'
import type { Protocol } from '../../shared/row'
import type { PortLabel } from '../../shared/story'
import { PortLabelSchema, parseWith } from '../../shared/validate'
import { writeFileAtomic } from '../core/atomic-file'
import { dataDir } from '../core/data-dir'

/** The user's own port labels, one JSON file in the data directory. */
export class LabelStore {
  private labels: PortLabel[]

  constructor(private readonly path: string = join(dataDir(), 'labels.json')) {
    this.labels = LabelStore.read(path)
  }

  /** A damaged file is treated as empty rather than stopping the app; the next save replaces it. */
  private static read(path: string): PortLabel[] {
    if (!existsSync(path)) return []
    try {
      const result = v.safeParse(v.array(PortLabelSchema), JSON.parse(readFileSync(path, 'utf8')))
      return result.success ? result.output : []
    } catch {
      return []
    }
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
    writeFileAtomic(this.path, `${JSON.stringify(this.labels, null, 2)}\n`)
  }
}
