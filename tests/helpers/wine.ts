// describe() for tests that run Windows programs under Wine; the session itself is in wine-session.ts.
import { describe, it } from 'vitest'
import { wineMissingReason } from './wine-session'

export * from './wine-session'

/**
 * describe() for tests under Wine: skipped with the reason where Wine or the Windows pieces are missing,
 * unless PORTOLAN_REQUIRE_WINE=1 (CI), where that is a failure. `alsoNeeds` says what else a test lacks (a compiler), or null.
 */
export function describeUnderWine(name: string, body: () => void, alsoNeeds: () => string | null = () => null): void {
  const missing = wineMissingReason() ?? alsoNeeds()
  if (!missing) {
    describe(name, body)
  } else if (process.env.PORTOLAN_REQUIRE_WINE === '1') {
    describe(name, () => {
      it('has Wine and the Windows pieces (PORTOLAN_REQUIRE_WINE=1)', () => {
        throw new Error(`Windows tests under Wine are required but cannot run: ${missing}`)
      })
    })
  } else {
    console.warn(`skipping Windows tests under Wine "${name}": ${missing}`)
    describe.skip(`${name} [skipped: ${missing}]`, body)
  }
}

