// Takes IANA's registry XML from its URL (or a file), checks it with the product's importer, and rewrites
// resources/iana (the XML, its date and sha256) and the bundled snapshot built from it:
//   npm run registry:refresh [-- --from <url|file>]
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { writeFileAtomic } from '../src/main/core/atomic-file'
import { IANA_REGISTRY_XML_URL, readSource } from '../src/main/registry/import/fetch-source'
import { buildSnapshot, IANA_XML_PATH, parseInput, readMeta, writeMeta } from './registry/iana-input'

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { from: { type: 'string' } } })
  const from = values.from ?? IANA_REGISTRY_XML_URL
  const text = await readSource(from)
  const data = parseInput(text, from)
  const before = (() => {
    try {
      return readMeta()
    } catch {
      return null
    }
  })()
  const xml = Buffer.from(text, 'utf8')
  writeFileAtomic(IANA_XML_PATH, xml)
  const meta = writeMeta(xml, data)
  const built = buildSnapshot()
  const change = before && before.sha256 === meta.sha256 ? 'unchanged' : `was ${before?.updated ?? 'absent'}`
  console.log(`IANA's registry of ${meta.updated} (${change}): ${built.records} records, sha256 ${meta.sha256}`)
  // Sanity: what was written is what was checked.
  if (readFileSync(IANA_XML_PATH).length !== xml.length) throw new Error('the XML on disk differs from the download')
}

main().catch((error: unknown) => {
  console.error(`registry:refresh: ${(error as Error).message}`)
  process.exitCode = 1
})
