import { execFileSync } from 'node:child_process'
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs'
import { createServer as createHttpServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { createGzip } from 'node:zlib'
import { afterAll, describe, expect, it } from 'vitest'
import { RegistryImportCancelled, RegistryImportError } from '../../../../src/main/registry/import/errors'
import { limit, MAX_SOURCE_BYTES, readSource } from '../../../../src/main/registry/import/fetch-source'
import { selfSignedCertificate, startHttpsServer, type TestHttpsServer } from '../../../helpers/https-server'

const dir = mkdtempSync(join(tmpdir(), 'portolan-fetch-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Writes 1 MiB chunks of `byte` until the client goes away; resolves with how much it managed to send. */
function endless(res: ServerResponse, byte = 'x'): Promise<number> {
  const chunk = Buffer.alloc(1 << 20, byte)
  let sent = 0
  return new Promise((resolve) => {
    res.on('close', () => resolve(sent))
    const pump = (): void => {
      while (!res.destroyed && res.write(chunk)) sent += chunk.length
      if (!res.destroyed) {
        sent += chunk.length
        res.once('drain', pump)
      }
    }
    pump()
  })
}

/** An endless stream of zeros, gzipped as it goes: a compression bomb with no end. */
function endlessGzipBomb(res: ServerResponse): Promise<number> {
  const zeros = Buffer.alloc(1 << 20)
  let sent = 0
  const source = new Readable({ read() { this.push(zeros) } })
  const gzip = createGzip({ level: 9 })
  gzip.on('data', (chunk: Buffer) => (sent += chunk.length))
  return new Promise((resolve) => {
    res.on('close', () => {
      source.destroy()
      gzip.destroy()
      resolve(sent)
    })
    pipeline(source, gzip, res).catch(() => {})
  })
}

describe('the streaming cap, on any readable stream', () => {
  it('passes a stream under the cap through unchanged', async () => {
    const chunks: Buffer[] = []
    await pipeline(Readable.from([Buffer.from('abc'), Buffer.from('def')]), limit(6, () => new Error('too large')), async (source: AsyncIterable<Buffer>) => {
      for await (const chunk of source) chunks.push(chunk)
    })
    expect(Buffer.concat(chunks).toString()).toBe('abcdef')
  })

  it('fails as soon as the cap is passed and stops reading an endless source', async () => {
    let pulled = 0
    const forever = new Readable({ read() { pulled++; this.push(Buffer.alloc(1024)) } })
    await expect(pipeline(forever, limit(10 * 1024, () => new RegistryImportError('too large')), async (source: AsyncIterable<Buffer>) => {
      for await (const chunk of source) void chunk
    })).rejects.toThrow('too large')
    expect(forever.destroyed).toBe(true)
    expect(pulled).toBeLessThan(100) // it stopped near the cap, not after reading without end
  })
})

describe('plain http', () => {
  it('is refused before any request is made', async () => {
    let requests = 0
    const server = createHttpServer((_req, res) => {
      requests++
      res.end('Service Name,')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/registry.csv`
      await expect(readSource(url)).rejects.toThrow(/plain http is not accepted .*use an https URL or a local file/)
      await expect(readSource('ftp://example.org/registry.xml')).rejects.toThrow(/unsupported URL scheme ftp:/)
      await expect(readSource('https://[not a host/registry.xml')).rejects.toThrow(RegistryImportError)
      expect(requests).toBe(0)
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
  })
})

const certificate = selfSignedCertificate()
if (typeof certificate === 'string') console.warn(`skipping the https download tests: ${certificate}`)

describe.skipIf(typeof certificate === 'string')('downloads from a hostile https server', () => {
  const cert = certificate as Exclude<typeof certificate, string>
  let server: TestHttpsServer
  /** What the server managed to send before the client closed the connection, per path. */
  const sentBeforeClose = new Map<string, Promise<number>>()
  afterAll(async () => {
    await server?.close()
    cert.dispose()
  })

  const start = async (): Promise<string> => {
    server ??= await startHttpsServer(cert, (req, res) => {
      if (req.url === '/endless') {
        res.writeHead(200, { 'content-type': 'application/xml' }) // chunked: no length announced
        sentBeforeClose.set(req.url, endless(res))
      } else if (req.url === '/bomb') {
        res.writeHead(200, { 'content-type': 'application/xml', 'content-encoding': 'gzip' })
        sentBeforeClose.set(req.url, endlessGzipBomb(res))
      } else if (req.url === '/huge-length') {
        res.writeHead(200, { 'content-length': String(MAX_SOURCE_BYTES * 4) })
        sentBeforeClose.set(req.url, endless(res))
      } else if (req.url === '/to-http') {
        res.writeHead(302, { location: 'http://127.0.0.1:9/registry.xml' }).end()
      } else if (req.url === '/trickle') {
        res.writeHead(200)
        res.write('<?xml version="1.0"?>')
        sentBeforeClose.set(req.url, new Promise((resolve) => res.on('close', () => resolve(0))))
      } else res.writeHead(404).end()
    })
    return server.base
  }

  it('an endless chunked body is refused past 64 MiB and the request is cancelled', async () => {
    const base = await start()
    await expect(readSource(`${base}/endless`, { ca: cert.cert })).rejects.toThrow(/sent more than 67108864 bytes, far more than IANA's registry/)
    // The server's response closed under it: the client hung up instead of reading on.
    const sent = await sentBeforeClose.get('/endless')!
    expect(sent).toBeGreaterThan(MAX_SOURCE_BYTES)
    expect(sent).toBeLessThan(MAX_SOURCE_BYTES * 2)
  })

  it('a gzip bomb is refused once it unpacks past 64 MiB, after only a little was downloaded', async () => {
    const base = await start()
    await expect(readSource(`${base}/bomb`, { ca: cert.cert })).rejects.toThrow(/unpacks to more than 67108864 bytes/)
    const sent = await sentBeforeClose.get('/bomb')!
    expect(sent).toBeLessThan(MAX_SOURCE_BYTES / 16)
  })

  it('an announced length over the cap is refused before the body is read', async () => {
    const base = await start()
    await expect(readSource(`${base}/huge-length`, { ca: cert.cert })).rejects.toThrow(/is 268435456 bytes, far larger than IANA's registry/)
    await sentBeforeClose.get('/huge-length')
  })

  it('a redirect to plain http is refused', async () => {
    const base = await start()
    await expect(readSource(`${base}/to-http`, { ca: cert.cert })).rejects.toThrow(/plain http is not accepted \(http:\/\/127\.0\.0\.1:9\/registry\.xml\)/)
  })

  it('aborting the signal (Ctrl-C) cancels a download in progress', async () => {
    const base = await start()
    const stop = new AbortController()
    const reading = readSource(`${base}/trickle`, { ca: cert.cert, signal: stop.signal })
    await expect.poll(() => sentBeforeClose.has('/trickle')).toBe(true)
    stop.abort()
    await expect(reading).rejects.toThrow(RegistryImportCancelled)
    await sentBeforeClose.get('/trickle') // the connection was closed by the client
  })

  it('a certificate nobody vouches for is refused', async () => {
    const base = await start()
    await expect(readSource(`${base}/endless`)).rejects.toThrow(/cannot reach .*(SELF_SIGNED|UNABLE_TO_VERIFY|DEPTH_ZERO)/)
  })
})

describe.skipIf(process.platform === 'win32')('local files that are not plain files of sane size', () => {
  it('a FIFO is refused at once, without waiting for a writer', async () => {
    const fifo = join(dir, 'registry.fifo')
    execFileSync('mkfifo', [fifo])
    await expect(readSource(fifo)).rejects.toThrow(`cannot read ${fifo}: it is a named pipe (FIFO), not a regular file`)
  })

  it('a device is refused', async () => {
    await expect(readSource('/dev/zero')).rejects.toThrow('cannot read /dev/zero: it is a device, not a regular file')
    await expect(readSource('/dev')).rejects.toThrow('cannot read /dev: it is a directory, not a regular file')
  })

  it('a file over 64 MiB is refused from its size, before anything is read', async () => {
    const big = join(dir, 'big.xml')
    const fd = openSync(big, 'w')
    closeSync(fd)
    execFileSync('truncate', ['-s', String(500 * 1024 * 1024), big]) // sparse: no disk used
    await expect(readSource(big)).rejects.toThrow(`cannot read ${big}: it is 524288000 bytes, more than the 67108864-byte limit`)
  })

  it('an aborted signal cancels reading a file', async () => {
    const file = join(dir, 'small.csv')
    writeFileSync(file, 'Service Name,Port Number\n')
    const stop = new AbortController()
    stop.abort()
    await expect(readSource(file, { signal: stop.signal })).rejects.toThrow(RegistryImportCancelled)
  })
})
