/** What a registry copy knows about where it came from. */
export interface RegistryOrigin {
  source: string
  asOf: string
  bundled: boolean
  importedAt: string | null
}

/**
 * Where the registry came from, in words a reader understands: "IANA's registry of 2026-08-17, bundled with
 * Portolan", or "…, imported on 2026-09-01 from https://www.iana.org/…". The CSV carries no date of its own,
 * so its newest entry stands in, and the sentence says so.
 */
export function registrySentence(origin: RegistryOrigin): string {
  if (origin.bundled) return `IANA's registry of ${origin.asOf}, bundled with Portolan`
  const from = /^IANA (?:CSV|XML) \((.*)\)$/.exec(origin.source)?.[1] ?? origin.source
  const what = origin.source.startsWith('IANA CSV') ? `IANA's registry (CSV, newest entry ${origin.asOf})` : `IANA's registry of ${origin.asOf}`
  return `${what}, imported${origin.importedAt ? ` on ${origin.importedAt}` : ''} from ${from}`
}
