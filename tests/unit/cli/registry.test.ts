import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCliProcess } from '../../helpers/cli'
import { IANA_CSV, IANA_FILES_MISSING, IANA_FILES_REQUIRED } from '../../helpers/iana-files'

const dataDir = mkdtempSync(join(tmpdir(), 'portolan-cli-registry-'))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

const cli = (...args: string[]) => runCliProcess(args, { PORTOLAN_DATA_DIR: dataDir })

describe('portolan registry', () => {
  it('info --json prints source, asOf, records and ports of the bundled snapshot', async () => {
    const { code, stdout } = await cli('registry', 'info', '--json')
    expect(code).toBe(0)
    const info = JSON.parse(stdout) as Record<string, unknown>
    expect(Object.keys(info)).toEqual(['source', 'asOf', 'records', 'ports'])
    expect(info.source).toMatch(/bundled snapshot/)
    expect(info.records).toBeGreaterThan(14_000)
  })

  it('update with a bad source exits 1, says why, and keeps the registry', async () => {
    const { code, stderr } = await cli('registry', 'update', '--from', join(dataDir, 'missing.xml'))
    expect(code).toBe(1)
    expect(stderr).toMatch(/registry not updated, still using bundled snapshot.*cannot read .*ENOENT/)
    expect(JSON.parse((await cli('registry', 'info', '--json')).stdout).source).toMatch(/bundled snapshot/)
  })

  it('update without --from or subcommand is a usage error', async () => {
    expect((await cli('registry', 'update')).code).toBe(2)
    expect((await cli('registry')).code).toBe(2)
  })

  it.skipIf(IANA_FILES_MISSING !== null && !IANA_FILES_REQUIRED)(`update --from IANA's CSV switches to it${IANA_FILES_MISSING ? ` [skipped: ${IANA_FILES_MISSING}]` : ''}`, async () => {
    const { code, stdout } = await cli('registry', 'update', '--from', IANA_CSV)
    expect(code).toBe(0)
    expect(stdout).toMatch(/registry updated: IANA CSV/)
    const info = JSON.parse((await cli('registry', 'info', '--json')).stdout) as { records: number; asOf: string }
    expect(info).toMatchObject({ records: 14_499, asOf: '2026-02-13' })
  })
})
