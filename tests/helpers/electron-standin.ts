import { createHash } from 'node:crypto'
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { ZipFile } from 'yazl'

export const ELECTRON_VERSION = (JSON.parse(readFileSync(join(__dirname, '../../node_modules/electron/package.json'), 'utf8')) as { version: string }).version

/** @electron/fuses finds the fuse wire after this marker: version 1, 8 fuses, then one byte per fuse. */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
/** Electron's defaults: RunAsNode on, cookie encryption off, NODE_OPTIONS on, inspect on, asar integrity off, asar-only off, V8 snapshot off, file:// privileges on. */
export const DEFAULT_FUSE_WIRE = '10110001'

/**
 * An `electron` that records how it was started (its arguments and working directory, as one JSON line
 * appended to $PORTOLAN_STANDIN_LOG) and exits 0. It carries a fuse wire, so electron-builder can flip it.
 */
export function standInElectron(): Buffer {
  const script = [
    '#!/bin/sh',
    'node -e \'require("fs").appendFileSync(process.env.PORTOLAN_STANDIN_LOG, JSON.stringify({ args: process.argv.slice(1), cwd: process.cwd() }) + "\\n")\' -- "$@"',
    'exit 0',
    '',
  ].join('\n')
  return Buffer.concat([Buffer.from(script), Buffer.from(`# ${FUSE_SENTINEL}`), Buffer.from([1, 8]), Buffer.from(DEFAULT_FUSE_WIRE), Buffer.from('\n')])
}

/** A stand-in Electron dist folder, as electron-builder's `electronDist` expects it. */
export function writeStandInDist(dir: string): string {
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'electron'), standInElectron())
  chmodSync(join(dir, 'electron'), 0o755)
  writeFileSync(join(dir, 'version'), ELECTRON_VERSION)
  mkdirSync(join(dir, 'resources'), { recursive: true })
  writeFileSync(join(dir, 'LICENSE'), 'stand-in\n')
  return dir
}

/** The release zip Electron's installer downloads, holding the stand-in. */
export function standInZip(): Promise<Buffer> {
  const zip = new ZipFile()
  zip.addBuffer(standInElectron(), 'electron', { mode: 0o100755 })
  zip.addBuffer(Buffer.from(ELECTRON_VERSION), 'version', { mode: 0o100644 })
  zip.end()
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk))
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)))
    zip.outputStream.on('error', reject)
  })
}

export interface Mirror {
  url: string
  requests: string[]
  close(): Promise<void>
}

/** An Electron download mirror on 127.0.0.1: v<version>/electron-v<version>-linux-x64.zip and its SHASUMS256.txt. */
export async function serveElectronMirror(): Promise<Mirror> {
  const zipName = `electron-v${ELECTRON_VERSION}-${process.platform}-${process.arch}.zip`
  const zip = await standInZip()
  const sums = `${createHash('sha256').update(zip).digest('hex')} *${zipName}\n`
  const files = new Map<string, Buffer>([
    [`/v${ELECTRON_VERSION}/${zipName}`, zip],
    [`/v${ELECTRON_VERSION}/SHASUMS256.txt`, Buffer.from(sums)],
  ])
  const requests: string[] = []
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname
    requests.push(path)
    const body = files.get(path)
    if (!body) {
      response.writeHead(404).end()
      return
    }
    response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length }).end(body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
