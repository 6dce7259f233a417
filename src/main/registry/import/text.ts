import { isPort } from '../../../shared/port'
/** IANA hard-wraps long fields; a record reads better as one line. Empty becomes null. */
export function cleanText(text: string | undefined | null): string | null {
  const clean = text?.replace(/\s+/g, ' ').trim()
  return clean ? clean : null
}

/** "6000-6063" → [6000, 6063]; "1322" → [1322, 1322]; "" → null. Throws on anything else. */
export function parsePortField(field: string | undefined): [number, number] | null {
  const text = field?.trim()
  if (!text) return null
  const match = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(text)
  if (!match) throw new Error(`"${text}" is not a port or a port range`)
  const low = Number(match[1])
  const high = match[2] === undefined ? low : Number(match[2])
  if (!isPort(high) || low > high) throw new Error(`"${text}" is not a valid port range`)
  return [low, high]
}

const DATE = /^\d{4}-\d{2}(?:-\d{2})?$/

/** IANA dates are YYYY-MM or YYYY-MM-DD; anything else is dropped rather than shown wrong. */
export function cleanDate(text: string | undefined | null): string | null {
  const clean = text?.trim()
  return clean && DATE.test(clean) ? clean : null
}
