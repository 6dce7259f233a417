import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Row } from '../../../src/shared/row'
import { ensureAppBuilt, REPO_ROOT } from '../../helpers/app-build'
import { openTcpListener } from '../../e2e/support/listeners'

// The CLI as `npm run build` ships it: one file run by plain node, no tsx.

const CLI = join(REPO_ROOT, 'out/cli/index.js')

describe('node out/cli/index.js', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'portolan-bundled-cli-'))
  beforeAll(() => ensureAppBuilt(), 240_000)
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

  const cli = (...args: string[]) => promisify(execFile)(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH, PORTOLAN_DATA_DIR: dataDir }, cwd: tmpdir(), maxBuffer: 1 << 28 })

  it('list --json lists a listener this test opened, with its registry name, and writes nothing to the data directory', async () => {
    const listener = await openTcpListener()
    try {
      const { stdout } = await cli('list', '--json')
      const row = (JSON.parse(stdout) as Row[]).find((r) => r.protocol === 'tcp' && r.port === listener.port)
      expect(row).toMatchObject({ address: '127.0.0.1', pid: process.pid, exposure: 'loopback', state: 'LISTEN' })
    } finally {
      await listener.close()
    }
    expect(existsSync(dataDir) ? readdirSync(dataDir) : []).toEqual([])
  }, 60_000)

  it('runs the other commands from the same file', async () => {
    expect((JSON.parse((await cli('story', '22', '--json')).stdout) as { port: number }).port).toBe(22)
    expect((JSON.parse((await cli('registry', 'info', '--json')).stdout) as { records: number }).records).toBeGreaterThan(10_000)
  }, 60_000)

  it('names services from the compiled lookup as the full registry does', async () => {
    const { stdout } = await cli('list', '--json', '--all')
    for (const row of JSON.parse(stdout) as Row[]) if (row.port === 22 && row.protocol === 'tcp') expect(row.service).toBe('ssh')
    expect(existsSync(join(REPO_ROOT, 'out/cli/port-names.json'))).toBe(true)
  }, 60_000)
})
