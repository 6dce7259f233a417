import { existsSync } from 'node:fs'
import { join } from 'node:path'

// IANA's own files, kept in ../shared beside the repository for tests only; the product never reads them.
export const IANA_DIR = join(__dirname, '../../../shared/data/iana')
export const IANA_CSV = join(IANA_DIR, 'service-names-port-numbers.csv')
export const IANA_XML = join(IANA_DIR, 'service-names-port-numbers.xml')

/** Why the tests on IANA's real files cannot run, or null. */
export const IANA_FILES_MISSING = existsSync(IANA_CSV) && existsSync(IANA_XML) ? null : `${IANA_DIR} is not present (it holds IANA's real CSV and XML)`

/** .ci/run sets PORTOLAN_REQUIRE_IANA_FILES=1: CI lays ../shared beside the clone, so there its absence is a failure. */
export const IANA_FILES_REQUIRED = process.env.PORTOLAN_REQUIRE_IANA_FILES === '1'
