// `npm start` / `npm run dev` run this first. Electron 42+ downloads its binary the first time it is needed,
// and electron-vite never asks it to (it reads node_modules/electron/path.txt and stops when it is missing),
// so this runs Electron's own installer, which does nothing when the binary is already in place.
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const DEFAULT_MIRROR = 'https://github.com/electron/electron/releases/download/'
const require = createRequire(import.meta.url)
const installer = join(dirname(require.resolve('electron/package.json')), 'install.js')
const result = spawnSync(process.execPath, [installer], { stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' })

if (result.status !== 0) {
  // The installer prints a stack trace; one line of it says what failed (e.g. "RequestError: connect ECONNREFUSED …").
  const lines = `${result.stderr ?? ''}${result.error ? `\n${result.error.message}` : ''}`.split('\n').map((line) => line.trim())
  let reason = lines.find((line) => /error/i.test(line) && !line.startsWith('at ')) ?? lines.find((line) => line !== '') ?? `exit ${result.status}`
  const { version } = require('electron/package.json')
  const mirror = process.env.ELECTRON_MIRROR ?? process.env.npm_config_electron_mirror
  // Node's fetch says only "fetch failed" and the installer prints no cause: ask the same host once to learn it.
  if (/fetch failed/i.test(reason)) reason = `${reason}: ${await networkCause(`${mirror ?? DEFAULT_MIRROR}v${version}/SHASUMS256.txt`)}`
  const text = reason.replace(/\s+/g, ' ').slice(0, 200)
  const from = mirror ?? "Electron's release downloads"
  process.stderr.write(
    `portolan: could not download the Electron ${version} binary from ${from} (${text}); the desktop app needs it, but \`npm run preview:web\` and the command line (\`npm run cli -- list\`) work without it.\n`,
  )
  process.exit(1)
}

/** Why a request to `url` fails, in the words of the error underneath fetch's ("connect ECONNREFUSED 127.0.0.1:9"). */
async function networkCause(url) {
  try {
    const response = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(10_000) })
    return `the server answered ${response.status}`
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error
    return cause instanceof Error ? cause.message : String(cause)
  }
}
