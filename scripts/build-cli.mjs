// `npm run build` (after electron-vite): the CLI as one file, out/cli/index.js, run by plain `node`.
// koffi stays external: its native code cannot be bundled. The Linux collector's worker goes beside it.
import { readFile } from 'node:fs/promises'
import { build } from 'esbuild'

/** The registry snapshot as a JSON.parse of a string: far quicker for V8 to start than a 1 MB object literal. */
const jsonAsParse = {
  name: 'json-as-parse',
  setup(builder) {
    builder.onLoad({ filter: /[\\/]resources[\\/]registry[\\/]snapshot\.json$/ }, async (args) => ({
      contents: `export default JSON.parse(${JSON.stringify(await readFile(args.path, 'utf8'))})`,
      loader: 'js',
    }))
  },
}

await build({
  entryPoints: { index: 'src/cli/index.ts', sockDiagWorker: 'src/main/monitor/linux/sock-diag-worker.ts' },
  outdir: 'out/cli',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['koffi'],
  plugins: [jsonAsParse],
  banner: { js: '#!/usr/bin/env node' },
  legalComments: 'none',
  logLevel: 'warning',
})
