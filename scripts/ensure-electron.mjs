// `npm start` / `npm run dev` run this first. Electron 42+ downloads its binary the first time it is needed,
// and electron-vite never asks it to (it reads node_modules/electron/path.txt and stops when it is missing),
// so this runs Electron's own installer, which does nothing when the binary is already in place.
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)
const installer = join(dirname(require.resolve('electron/package.json')), 'install.js')
const result = spawnSync(process.execPath, [installer], { stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' })

if (result.status !== 0) {
  // The installer prints a stack trace; one line of it says what failed (e.g. "RequestError: connect ECONNREFUSED …").
  const lines = `${result.stderr ?? ''}${result.error ? `\n${result.error.message}` : ''}`.split('\n').map((line) => line.trim())
  const reason = lines.find((line) => /error/i.test(line) && !line.startsWith('at ')) ?? lines.find((line) => line !== '') ?? `exit ${result.status}`
  const text = reason.replace(/\s+/g, ' ').slice(0, 200)
  const { version } = require('electron/package.json')
  const from = process.env.ELECTRON_MIRROR ?? process.env.npm_config_electron_mirror ?? "Electron's release downloads"
  process.stderr.write(
    `portolan: could not download the Electron ${version} binary from ${from} (${text}); the desktop app needs it, but \`npm run preview:web\` and the command line (\`npm run cli -- list\`) work without it.\n`,
  )
  process.exit(1)
}
