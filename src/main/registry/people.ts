// Assignee and Contact columns hold person ids like "[Alan_Dano]"; IANA's XML resolves them in <people>.

/** id → display name (a person's name or an organisation), from IANA's people table. */
export type PeopleTable = ReadonlyMap<string, string>

// IANA writes addresses as user&domain.tld to foil harvesters; catch that spelling too.
const EMAIL = /mailto:[^\s<>]+|[\w.+-]+[@&][\w-]+(?:\.[\w-]+)+/gi

/** Best guess at a name from an id alone: "Stuart_Cheshire_4" → "Stuart Cheshire", "_3GPP" → "3GPP". */
export function nameFromPersonId(id: string): string {
  return id.replace(/_\d+$/, '').replace(/_+/g, ' ').trim() || id
}

/** Never shows an e-mail address, whatever the source put in the field. */
export function withoutEmails(text: string): string {
  return text.replace(EMAIL, '').replace(/\s*<\s*>\s*/g, ' ').replace(/\s{2,}/g, ' ').trim()
}

export function resolvePerson(id: string, people?: PeopleTable): string {
  return withoutEmails(people?.get(id) ?? nameFromPersonId(id))
}

/** "[A][B]" → "A, B" resolved; bare text is kept (minus e-mail addresses). */
export function resolvePeopleField(field: string | undefined, people?: PeopleTable): string | null {
  const text = field?.trim()
  if (!text) return null
  const ids = [...text.matchAll(/\[([^\]]+)\]/g)].map(([, id = '']) => id.trim())
  const names = ids.length > 0 ? ids.map((id) => resolvePerson(id, people)) : [withoutEmails(text)]
  const unique = [...new Set(names.filter(Boolean))]
  return unique.length > 0 ? unique.join(', ') : null
}
