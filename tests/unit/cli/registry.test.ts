import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCliProcess } from '../../helpers/cli'
import { selfSignedCertificate, startHttpsServer } from '../../helpers/https-server'
import { IANA_CSV, IANA_FILES_MISSING, IANA_FILES_REQUIRED, IANA_XML } from '../../helpers/iana-files'
import { mountSmallDisk } from '../../helpers/tmpfs'

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

  it('update with bad input exits 2 (as the README says), says why in one line, and keeps the registry', async () => {
    const missing = await cli('registry', 'update', '--from', join(dataDir, 'missing.xml'))
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/^portolan: registry not updated, still using IANA's registry of \d{4}-\d{2}-\d{2}, bundled with Portolan: cannot read .*ENOENT\n$/)
    const notRegistry = join(dataDir, 'other.csv')
    writeFileSync(notRegistry, 'a,b,c\n1,2,3\n')
    expect((await cli('registry', 'update', '--from', notRegistry)).code).toBe(2)
    const http = await cli('registry', 'update', '--from', 'http://127.0.0.1:9/registry.xml')
    expect(http.code).toBe(2)
    expect(http.stderr).toMatch(/registry not updated, .*plain http is not accepted/)
    expect((JSON.parse((await cli('registry', 'info', '--json')).stdout) as { bundled: unknown }).bundled).toBe(true)
  })

  it('file names and file content with escape sequences are quoted escaped, never raw', async () => {
    const named = await cli('registry', 'update', '--from', join(dataDir, 'a\u001b[31mred\u001b]0;pwned\u0007.xml'))
    expect(named.code).toBe(2)
    expect(named.stderr).toContain('a\\x1b[31mred\\x1b]0;pwned\\x07.xml: ENOENT')
    const hostile = join(dataDir, 'hostile.xml')
    writeFileSync(hostile, '<registry><rec\u001b[31mord></registry>')
    const content = await cli('registry', 'update', '--from', hostile)
    expect(content.code).toBe(2)
    for (const { stderr } of [named, content]) {
      // eslint-disable-next-line no-control-regex -- the point: no raw control character reaches the terminal
      expect(stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/)
      expect(stderr.trimEnd().split('\n')).toHaveLength(1)
    }
  })

  it('update without --from or subcommand is a usage error', async () => {
    expect((await cli('registry', 'update')).code).toBe(2)
    expect((await cli('registry')).code).toBe(2)
  })

  it.skipIf(IANA_FILES_MISSING !== null && !IANA_FILES_REQUIRED)(`update --from IANA's CSV is refused as older than the bundled registry, and switches with --force${IANA_FILES_MISSING ? ` [skipped: ${IANA_FILES_MISSING}]` : ''}`, async () => {
    const refused = await cli('registry', 'update', '--from', IANA_CSV)
    expect(refused.code).toBe(2)
    expect(refused.stderr).toMatch(/registry not updated, .*the file is dated 2026-02-13, older than the registry in use .*use --force/)
    const { code, stdout } = await cli('registry', 'update', '--from', IANA_CSV, '--force')
    expect(code).toBe(0)
    expect(stdout).toMatch(/^registry updated: IANA's registry \(CSV, newest entry 2026-02-13\), imported on/)
    const info = JSON.parse((await cli('registry', 'info', '--json')).stdout) as { records: number; asOf: string }
    expect(info).toMatchObject({ records: 14_499, asOf: '2026-02-13', bundled: false })
    expect((info as unknown as { description: string }).description).toMatch(/^IANA's registry \(CSV, newest entry 2026-02-13\), imported on \d{4}-\d{2}-\d{2} from \//)
  })
})

const disk = mountSmallDisk('1m')
if (typeof disk === 'string') console.warn(`skipping the full and read-only disk registry tests: ${disk}`)

describe.skipIf(typeof disk === 'string' || IANA_FILES_MISSING !== null)('registry update onto a full or read-only disk (needs ../shared/data/iana and a tmpfs)', () => {
  const small = disk as Exclude<typeof disk, string>
  afterAll(() => small.dispose())
  const onDisk = (...args: string[]) => runCliProcess(args, { PORTOLAN_DATA_DIR: small.dir })

  it('ENOSPC: "registry not updated, still using …", exit 1, nothing stored', async () => {
    const { code, stdout, stderr } = await onDisk('registry', 'update', '--from', IANA_XML, '--force')
    expect(stdout).toBe('')
    expect(stderr).toMatch(/^portolan: registry not updated, still using IANA's registry of \d{4}-\d{2}-\d{2}, bundled with Portolan: could not store it in .*iana-registry\.json: ENOSPC: no space left on device/)
    expect(code).toBe(1)
    expect((JSON.parse((await onDisk('registry', 'info', '--json')).stdout) as { bundled: unknown }).bundled).toBe(true)
  })

  it('EROFS: the same wording, exit 1', async () => {
    small.readOnly()
    const { code, stderr } = await onDisk('registry', 'update', '--from', IANA_XML, '--force')
    expect(stderr).toMatch(/^portolan: registry not updated, still using IANA's registry of \d{4}-\d{2}-\d{2}, bundled with Portolan: could not store it in .*: EROFS/)
    expect(code).toBe(1)
  })
})

const certificate = selfSignedCertificate()
if (typeof certificate === 'string') console.warn(`skipping the Ctrl-C import test: ${certificate}`)

describe.skipIf(typeof certificate === 'string')('Ctrl-C during an import', () => {
  const cert = certificate as Exclude<typeof certificate, string>
  afterAll(() => cert.dispose())

  it('cancels the download, stores nothing, and exits 130 saying so', { timeout: 90_000 }, async () => {
    let requested!: () => void
    const gotRequest = new Promise<void>((resolve) => (requested = resolve))
    let closedByClient!: () => void
    const clientClosed = new Promise<void>((resolve) => (closedByClient = resolve))
    const server = await startHttpsServer(cert, (_req, res) => {
      res.writeHead(200)
      res.write('<?xml version="1.0"?>') // and then nothing: a server that never finishes
      res.on('close', () => closedByClient())
      requested()
    })
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', 'registry', 'update', '--from', `${server.base}/registry.xml`], {
        env: { ...process.env, PORTOLAN_DATA_DIR: dataDir, NODE_EXTRA_CA_CERTS: cert.certFile },
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      let stderr = ''
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
      await gotRequest
      child.kill('SIGINT')
      expect(await exited).toBe(130)
      await clientClosed
      expect(stderr).toMatch(/^portolan: registry not updated, still using .*: cancelled\n$/)
    } finally {
      await server.close()
    }
  })
})
