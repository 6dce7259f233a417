// The `portolan` command: `node out/cli/index.js` once built, `npm run cli --` from source.
import { main } from './main'

void main()
