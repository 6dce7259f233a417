import { describe, it } from 'vitest'

/**
 * describe() for tests that need something the machine may lack: where `missing` names what is absent, the
 * suite skips with that reason, unless `required` is set (CI), where the absence is a failure.
 */
export function describeWhenAvailable(name: string, missing: string | null, required: boolean, body: () => void): void {
  if (missing === null) {
    describe(name, body)
  } else if (required) {
    describe(name, () => {
      it('has what it needs', () => {
        throw new Error(`these tests are required here but cannot run: ${missing}`)
      })
    })
  } else {
    console.warn(`skipping "${name}": ${missing}`)
    describe.skip(`${name} [skipped: ${missing}]`, body)
  }
}

/** CI runs everything it installs: a missing piece there is a failure, not a skip. */
export const IN_CI = process.env.CI === 'true' || process.env.CI === '1'
