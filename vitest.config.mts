import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

// Tests never read or write the user's real settings, history or imported registry.
const testDataDir = mkdtempSync(join(tmpdir(), 'portolan-test-data-'))

export default defineConfig({
  resolve: {
    // Any real import of 'electron' under Node would try to download the binary.
    alias: { electron: fileURLToPath(new URL('./tests/stubs/electron.ts', import.meta.url)) },
  },
  test: {
    env: { PORTOLAN_DATA_DIR: testDataDir },
    include: ['tests/unit/**/*.test.{ts,tsx}', 'tests/e2e/**/*.test.ts', 'tests/electron/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    fileParallelism: true,
    pool: 'forks',
  },
})
