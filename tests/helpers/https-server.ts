import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { createServer, type Server } from 'node:https'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface TestCertificate {
  key: string
  cert: string
  /** The certificate as a file, for NODE_EXTRA_CA_CERTS in a child process. */
  certFile: string
  dispose(): void
}

/**
 * A self-signed certificate for 127.0.0.1, made by the openssl CLI (Node's crypto cannot make
 * certificates), or the reason it cannot be made here: skip with it.
 */
export function selfSignedCertificate(): TestCertificate | string {
  const dir = mkdtempSync(join(tmpdir(), 'portolan-cert-'))
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1',
      '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ], { stdio: 'pipe' })
  } catch (error) {
    rmSync(dir, { recursive: true, force: true })
    const code = (error as NodeJS.ErrnoException).code
    return code === 'ENOENT' ? 'the openssl CLI is not installed (needed to make a test certificate)' : `openssl could not make a test certificate: ${String(error)}`
  }
  return {
    key: readFileSync(join(dir, 'key.pem'), 'utf8'),
    cert: readFileSync(join(dir, 'cert.pem'), 'utf8'),
    certFile: join(dir, 'cert.pem'),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  }
}

export interface TestHttpsServer {
  server: Server
  base: string
  close(): Promise<void>
}

export async function startHttpsServer(certificate: TestCertificate, handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<TestHttpsServer> {
  const server = createServer({ key: certificate.key, cert: certificate.cert }, handler)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    server,
    base: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      server.closeAllConnections()
      return new Promise((resolve) => server.close(() => resolve()))
    },
  }
}
