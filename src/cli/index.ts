// The `portolan` command: `node out/cli/index.js` once built, `npm run cli --` from source.
// The CLI itself is runCli (main.ts), which tests run in-process; this file hands it the process.
import { runCli } from './main'
import { processIo } from './process-io'

void runCli(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code
})
