import { errorText as sharedErrorText } from '../../../shared/error-text'

/** Why a request failed, as one line for the page (shared/error-text.ts, without Electron's prefix). */
export function errorText(reason: unknown): string {
  // Electron prefixes rejected invokes with "Error invoking remote method '…': "; the reason is what matters.
  return sharedErrorText(reason).replace(/^Error invoking remote method '[^']+': (?:\w*Error: )?/, '')
}
