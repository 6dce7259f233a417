import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCliProcess } from '../../helpers/cli'
import { IANA_CSV, IANA_FILES_MISSING, IANA_FILES_REQUIRED } from '../../helpers/iana-files'

const dataDir = mkdtempSync(join(tmpdir(), 'portolan-cli-registry-'))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

const cli = (...args: string[]) => runCliProcess(args, { PORTOLAN_DATA_DIR: dataDir })

describe('portolan registry', () => {
  it("info --json gives the bundled registry's date, source and the count of curated ports", async () => {
    const { code, stdout } = await cli('registry', 'info', '--json')
    expect(code).toBe(0)
    const info = JSON.parse(stdout) as Record<string, unknown>
    expect(Object.keys(info)).toEqual(['source', 'asOf', 'records', 'ports', 'date', 'description', 'bundled', 'importedAt', 'curatedPorts'])
    const meta = JSON.parse(readFileSync(join(process.cwd(), 'resources', 'iana', 'service-names-port-numbers.json'), 'utf8')) as { updated: string; records: number }
    expect(info).toMatchObject({ date: meta.updated, asOf: meta.updated, records: meta.records, bundled: true, importedAt: null })
    expect(info.description).toBe(`IANA's registry of ${meta.updated}, bundled with Portolan`)
    expect(info.source).toMatch(/^IANA XML, resources\/iana\/service-names-port-numbers\.xml/)
    const curated = JSON.parse(readFileSync(join(process.cwd(), 'resources', 'known-ports.json'), 'utf8')) as { ports: { port: number }[] }
    expect(info.curatedPorts).toBe(new Set(curated.ports.map((p) => p.port)).size)
  })

  it('update with a bad source exits 1, says why, and keeps the registry', async () => {
    const { code, stderr } = await cli('registry', 'update', '--from', join(dataDir, 'missing.xml'))
    expect(code).toBe(1)
    expect(stderr).toMatch(/registry not updated, still using IANA's registry of \d{4}-\d{2}-\d{2}, bundled with Portolan: cannot read .*ENOENT/)
    expect(JSON.parse((await cli('registry', 'info', '--json')).stdout).bundled).toBe(true)
  })

  it('update without --from or subcommand is a usage error', async () => {
    expect((await cli('registry', 'update')).code).toBe(2)
    expect((await cli('registry')).code).toBe(2)
  })

  it.skipIf(IANA_FILES_MISSING !== null && !IANA_FILES_REQUIRED)(`update --from IANA's CSV switches to it${IANA_FILES_MISSING ? ` [skipped: ${IANA_FILES_MISSING}]` : ''}`, async () => {
    const { code, stdout } = await cli('registry', 'update', '--from', IANA_CSV)
    expect(code).toBe(0)
    expect(stdout).toMatch(/^registry updated: IANA's registry \(CSV, newest entry 2026-02-13\), imported on/)
    const info = JSON.parse((await cli('registry', 'info', '--json')).stdout) as { records: number; asOf: string }
    expect(info).toMatchObject({ records: 14_499, asOf: '2026-02-13', bundled: false })
    expect((info as unknown as { description: string }).description).toMatch(/^IANA's registry \(CSV, newest entry 2026-02-13\), imported on \d{4}-\d{2}-\d{2} from \//)
  })
})
