// Runs Electronegativity over src/ with the project's Electron version and fails on any HIGH or MEDIUM
// finding that is not a written-down exception. Electronegativity itself exits 0 even with findings.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { parse } from 'csv-parse/sync'

/** Accepted findings, one line each: check id → why it does not apply. */
const EXCEPTIONS: Record<string, string> = {
  PRELOAD_JS_CHECK: 'review item, not a flaw: the preload exposes one typed contextBridge API and never ipcRenderer (src/preload/index.ts)',
  OPEN_EXTERNAL_JS_CHECK: 'each URL is https checked by isSafeExternalUrl (window.ts) or http://localhost:PORT built in main by localPortUrl (index.ts); both tested',
}

interface Finding {
  severity: string
  issue: string
  filename: string
  location: string
}

/** A row of the report; a report without the columns read here is an error, not zero findings. */
function findingOf(row: Record<string, string | undefined>): Finding {
  const { severity, issue, filename = '?', location = '?' } = row
  if (severity === undefined || issue === undefined) throw new Error(`electronegativity's report has no severity or issue column: ${JSON.stringify(row)}`)
  return { severity, issue, filename, location }
}

const require = createRequire(import.meta.url)
const electronVersion = (require('electron/package.json') as { version: string }).version
const cli = join(dirname(require.resolve('@doyensec/electronegativity/package.json')), 'dist', 'index.js')

const dir = mkdtempSync(join(tmpdir(), 'portolan-eneg-'))
const report = join(dir, 'report.csv')
try {
  execFileSync(process.execPath, [cli, '-i', 'src', '-e', electronVersion, '-r', '-v', 'false', '-o', report], {
    stdio: ['ignore', 'ignore', 'inherit'],
    timeout: 300_000,
  })
  const rows = parse<Record<string, string | undefined>>(readFileSync(report, 'utf8'), { columns: true, trim: true, skip_empty_lines: true }).map(findingOf)
  const blocking = rows.filter((row) => (row.severity === 'HIGH' || row.severity === 'MEDIUM') && !(row.issue in EXCEPTIONS))
  for (const row of rows) {
    const accepted = EXCEPTIONS[row.issue]
    const note = accepted ? `accepted: ${accepted}` : ''
    console.log(`${row.severity.padEnd(13)} ${row.issue.padEnd(34)} ${row.filename}:${row.location} ${note}`)
  }
  if (blocking.length > 0) {
    console.error(`electronegativity: ${blocking.length} HIGH/MEDIUM finding(s) on Electron ${electronVersion}`)
    process.exitCode = 1
  } else {
    console.log(`electronegativity: no HIGH or MEDIUM findings on Electron ${electronVersion} (${rows.length} in all)`)
  }
} finally {
  rmSync(dir, { recursive: true, force: true })
}
