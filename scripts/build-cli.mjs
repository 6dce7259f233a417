// `npm run build` (after electron-vite): the CLI as one file of the project's code, out/cli/index.js, run by
// plain `node`. Start-up time is the point of it (`portolan list` should cost about two `node -e 0`):
// - koffi stays external (native code), and so does systeminformation (large, and loaded only if the
//   platform collector fails); both are production dependencies, installed beside the CLI;
// - the registry snapshot is a file beside it, read with JSON.parse when a command needs the registry,
//   instead of a megabyte of JavaScript that V8 would compile on every start;
// - `list` with the bundled registry reads out/cli/port-names.json, the registry's answer for every port
//   (scripts/cli/write-port-names.ts), not the registry itself;
// - the Linux collector's worker goes beside it for `watch`.
import { execFileSync } from 'node:child_process'
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'esbuild'

const SNAPSHOT = 'resources/registry/snapshot.json'

// Read on first use, not when the bundle starts: `list` answers from port-names.json and never touches it.
const LAZY_SNAPSHOT = `import { readFileSync } from 'node:fs'
import { join } from 'node:path'
let snapshot
const load = () => (snapshot ??= JSON.parse(readFileSync(join(__dirname, 'registry-snapshot.json'), 'utf8')))
export default new Proxy({}, {
  get: (_, key) => load()[key],
  has: (_, key) => key in load(),
  ownKeys: () => Reflect.ownKeys(load()),
  getOwnPropertyDescriptor: (_, key) => Object.getOwnPropertyDescriptor(load(), key),
})`

const snapshotBesideBundle = {
  name: 'snapshot-beside-bundle',
  setup(builder) {
    builder.onLoad({ filter: /[\\/]resources[\\/]registry[\\/]snapshot\.json$/ }, () => ({ contents: LAZY_SNAPSHOT, loader: 'js' }))
  },
}

await build({
  entryPoints: { index: 'src/cli/index.ts', sockDiagWorker: 'src/main/monitor/linux/sock-diag-worker.ts' },
  outdir: 'out/cli',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['koffi', 'systeminformation'],
  plugins: [snapshotBesideBundle],
  banner: { js: '#!/usr/bin/env node' },
  legalComments: 'none',
  logLevel: 'warning',
})

await mkdir('out/cli', { recursive: true })
await copyFile(SNAPSHOT, 'out/cli/registry-snapshot.json')

// The compiled lookup is computed by the project's own registry code, bundled for a moment and run once.
const scratch = await mkdtemp(join(tmpdir(), 'portolan-build-'))
try {
  const writer = join(scratch, 'write-port-names.cjs')
  await build({ entryPoints: ['scripts/cli/write-port-names.ts'], outfile: writer, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning' })
  execFileSync(process.execPath, [writer, 'out/cli/port-names.json'], { stdio: 'inherit' })
} finally {
  await rm(scratch, { recursive: true, force: true })
}
