// `npm run build` (after electron-vite): the CLI as one file of the project's code, out/cli/index.js, run by
// plain `node`. Start-up time is the point of it (`portolan list` should cost about two `node -e 0`):
// - koffi stays external (native code), and so does systeminformation (large, and loaded only if the
//   platform collector fails); both are production dependencies, installed beside the CLI;
// - the registry snapshot is a file beside it, read with JSON.parse when a command needs the registry,
//   instead of a megabyte of JavaScript that V8 would compile on every start;
// - `list` with the bundled registry reads out/cli/port-names.json, the registry's answer for every port
//   (scripts/cli/write-port-names.ts), not the registry itself;
// - the collectors' workers go beside it.
import { execFileSync } from 'node:child_process'
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'esbuild'

// The big data files (the registry snapshot, the curated uses) sit beside the bundle and are read on first
// use, not when the bundle starts: `list` answers from port-names.json and never touches either.
const BESIDE_BUNDLE = { 'resources/registry/snapshot.json': 'registry-snapshot.json', 'resources/known-ports.json': 'known-ports.json' }

const lazyJson = (file) => `import { readFileSync } from 'node:fs'
import { join } from 'node:path'
let value
const load = () => (value ??= JSON.parse(readFileSync(join(__dirname, ${JSON.stringify(file)}), 'utf8')))
export default new Proxy({}, {
  get: (_, key) => load()[key],
  has: (_, key) => key in load(),
  ownKeys: () => Reflect.ownKeys(load()),
  getOwnPropertyDescriptor: (_, key) => Object.getOwnPropertyDescriptor(load(), key),
})`

const dataBesideBundle = {
  name: 'data-beside-bundle',
  setup(builder) {
    builder.onLoad({ filter: /[\\/]resources[\\/](registry[\\/]snapshot|known-ports)\.json$/ }, (args) => {
      const source = Object.keys(BESIDE_BUNDLE).find((path) => args.path.replaceAll('\\', '/').endsWith(path))
      return { contents: lazyJson(BESIDE_BUNDLE[source]), loader: 'js' }
    })
  },
}

await build({
  entryPoints: {
    index: 'src/cli/index.ts',
    // The collectors' workers, found beside the bundle as in out/main (`watch`, `helper`; Windows and macOS `list`).
    sockDiagWorker: 'src/main/monitor/linux/sock-diag-worker.ts',
    ipHelperWorker: 'src/main/monitor/windows/ip-helper-worker.ts',
    libprocWorker: 'src/main/monitor/macos/libproc-worker.ts',
  },
  outdir: 'out/cli',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // Production dependencies only some commands need stay in node_modules, loaded when used.
  external: ['koffi', 'systeminformation', 'csv-parse', 'csv-parse/sync', 'fast-xml-parser'],
  plugins: [dataBesideBundle],
  banner: { js: '#!/usr/bin/env node' },
  legalComments: 'none',
  logLevel: 'warning',
})

await mkdir('out/cli', { recursive: true })
for (const [from, to] of Object.entries(BESIDE_BUNDLE)) await copyFile(from, join('out/cli', to))

// The compiled lookup is computed by the project's own registry code, bundled for a moment and run once.
const scratch = await mkdtemp(join(tmpdir(), 'portolan-build-'))
try {
  const writer = join(scratch, 'write-port-names.cjs')
  await build({ entryPoints: ['scripts/cli/write-port-names.ts'], outfile: writer, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning' })
  execFileSync(process.execPath, [writer, 'out/cli/port-names.json'], { stdio: 'inherit' })
} finally {
  await rm(scratch, { recursive: true, force: true })
}
