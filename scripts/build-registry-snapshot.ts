// Builds resources/registry/snapshot.json from IANA's XML in resources/iana (nothing else):
//   npm run registry:snapshot
// To take a newer registry from IANA first: npm run registry:refresh
import { buildSnapshot, SNAPSHOT_PATH } from './registry/iana-input'

const { records, asOf } = buildSnapshot()
console.log(`${records} records, IANA's registry of ${asOf} → ${SNAPSHOT_PATH}`)
