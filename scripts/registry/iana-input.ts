// The bundled registry's build input: IANA's XML, byte for byte, in resources/iana with its date and sha256.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { writeFileAtomic } from '../../src/main/core/atomic-file'
import { encodeRegistry } from '../../src/main/registry/codec'
import { IANA_REGISTRY_XML_URL } from '../../src/main/registry/import/fetch-source'
import { parseIanaXml } from '../../src/main/registry/import/iana-xml'
import { validateImport } from '../../src/main/registry/import/validate'
import type { RegistryData } from '../../src/main/registry/record'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
export const IANA_XML_PATH = join(root, 'resources', 'iana', 'service-names-port-numbers.xml')
export const IANA_META_PATH = join(root, 'resources', 'iana', 'service-names-port-numbers.json')
export const SNAPSHOT_PATH = join(root, 'resources', 'registry', 'snapshot.json')
/** How the snapshot names its input (a path in the repository, not on the builder's disk). */
const INPUT_NAME = 'resources/iana/service-names-port-numbers.xml'

/** What resources/iana/service-names-port-numbers.json says about the XML beside it. */
export interface IanaInputMeta {
  file: string
  url: string
  /** The XML's own <updated> date. */
  updated: string
  sha256: string
  records: number
}

export const sha256 = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex')

export function readMeta(): IanaInputMeta {
  return JSON.parse(readFileSync(IANA_META_PATH, 'utf8')) as IanaInputMeta
}

/** Parses IANA's XML with the product's own importer and refuses anything that is not the whole registry. */
export function parseInput(xml: string, origin: string): RegistryData {
  const data = parseIanaXml(xml, origin)
  // The refresh script's input is the registry itself: no earlier registry to measure it against.
  validateImport(data, { bundledRecords: 0, currentAsOf: '0000-00-00', force: true })
  return data
}

export function writeMeta(xml: Buffer, data: RegistryData): IanaInputMeta {
  const meta: IanaInputMeta = {
    file: 'service-names-port-numbers.xml',
    url: IANA_REGISTRY_XML_URL,
    updated: data.asOf,
    sha256: sha256(xml),
    records: data.records.length,
  }
  writeFileAtomic(IANA_META_PATH, `${JSON.stringify(meta, null, 2)}\n`)
  return meta
}

/** resources/registry/snapshot.json from resources/iana only; the XML must match the sha256 written beside it. */
export function buildSnapshot(): { records: number; asOf: string } {
  const xml = readFileSync(IANA_XML_PATH)
  const meta = readMeta()
  const actual = sha256(xml)
  if (actual !== meta.sha256) {
    throw new Error(`${INPUT_NAME} has sha256 ${actual}, but ${IANA_META_PATH} says ${meta.sha256}: run npm run registry:refresh, or restore the file`)
  }
  const data = parseInput(xml.toString('utf8'), INPUT_NAME)
  if (data.asOf !== meta.updated) throw new Error(`the XML says <updated>${data.asOf}</updated>, its description says ${meta.updated}`)
  const snapshot: RegistryData = { ...data, source: `IANA XML, ${INPUT_NAME} (sha256 ${meta.sha256.slice(0, 12)})`, bundled: true }
  writeFileAtomic(SNAPSHOT_PATH, `${JSON.stringify(encodeRegistry(snapshot))}\n`)
  return { records: data.records.length, asOf: data.asOf }
}
