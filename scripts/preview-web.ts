// `npm run preview:web`: the built renderer in any browser, over the real monitor (see scripts/preview/).
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { composeApp } from '../src/main/core/compose'
import { errorText } from '../src/shared/error-text'
import { isPort } from '../src/shared/port'
import { startPreviewServer } from './preview/bridge-server'
import { previewHost } from './preview/preview-host'

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '0' }, 'export-dir': { type: 'string' } } })
  const port = Number(values.port)
  if (!isPort(port)) {
    console.error(`preview-web: --port must be 0-65535, got ${JSON.stringify(values.port)}`)
    process.exit(2)
  }
  const app = composeApp()
  app.start()
  const exportDir = values['export-dir'] ?? mkdtempSync(join(tmpdir(), 'portolan-preview-exports-'))
  const { handlers, core } = previewHost(app, exportDir)
  const server = await startPreviewServer({ core, handlers, port })
  console.log(`Portolan web preview (development only; loopback, token in the URL). Exports go to ${exportDir}. Open:`)
  console.log(server.url)
  const stop = () => {
    void Promise.all([server.close(), app.close()]).then(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

main().catch((error: unknown) => {
  console.error(`preview-web: ${errorText(error)}`)
  process.exit(1)
})
