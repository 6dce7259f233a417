import { readFileSync } from 'node:fs'
import { readFile, readdir } from 'node:fs/promises'
import { extname, join, relative, sep } from 'node:path'
import ts from 'typescript'
import { PUSH_NAMES, REQUEST_NAMES, subscriberName } from '../../src/shared/ipc'
import { BRIDGE_SCRIPT_PATH, BRIDGE_SOCKET_PATH, TOKEN_FRAGMENT_KEY } from './bridge-protocol'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
}

export function contentTypeOf(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream'
}

/** index.html with the bridge client loaded ahead of the app's module script (module scripts run in order). */
export function withBridgeScript(indexHtml: string): string {
  const appScript = indexHtml.search(/<script\b[^>]*type=["']module["']/i)
  if (appScript < 0) throw new Error('the built index.html has no module script to load the bridge before')
  const tag = `<script type="module" src="${BRIDGE_SCRIPT_PATH}"></script>\n    `
  return indexHtml.slice(0, appScript) + tag + indexHtml.slice(appScript)
}

/** The bridge client as JavaScript: transpiled from its TypeScript source, with its constants in front. */
export function bridgeClientScript(): string {
  const sourcePath = new URL('./client/bridge-client.ts', import.meta.url)
  const { outputText } = ts.transpileModule(readFileSync(sourcePath, 'utf8'), {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, removeComments: true },
  })
  const SUBSCRIBER_NAMES = Object.fromEntries(PUSH_NAMES.map((name) => [name, subscriberName(name)]))
  const constants = { BRIDGE_SOCKET_PATH, TOKEN_FRAGMENT_KEY, REQUEST_NAMES, PUSH_NAMES, SUBSCRIBER_NAMES }
  const prelude = Object.entries(constants).map(([name, value]) => `const ${name} = ${JSON.stringify(value)};`).join('\n')
  return `${prelude}\n${outputText}`
}

/**
 * Every file of the built renderer, read once, keyed by URL path ("/assets/index-abc.js"). Serving
 * from memory keeps the page consistent while a rebuild rewrites out/, and only files that exist
 * in the build can ever be served: no path from a request reaches the file system.
 */
export async function loadRendererFiles(rendererDir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>()
  const entries = await readdir(rendererDir, { recursive: true, withFileTypes: true })
  for (const entry of entries) {
    if (!entry.isFile()) continue
    const path = join(entry.parentPath, entry.name)
    files.set(`/${relative(rendererDir, path).split(sep).join('/')}`, await readFile(path))
  }
  return files
}
