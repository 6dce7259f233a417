import { resolvePerson, withoutEmails, type PeopleTable } from '../people'
import { referenceFromToken } from '../references'

// IANA's descriptions, notes and unauthorized-use reports are mixed content: text with <br/>, <paragraph>
// and inline <xref>s ("previously compressnet by <xref type="person" data="Bernie_Volz"/>"). The parser hands
// them over as raw inner XML (stopNodes) so the words and the references keep their order.

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

/** XML's five named entities and numeric character references; anything else is left as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1))
      return Number.isInteger(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole
    }
    return ENTITIES[name] ?? whole
  })
}

function attribute(attributes: string, name: string): string | null {
  const match = new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attributes)
  // One of the two quoted alternatives matched.
  return match ? decodeEntities(match[1] ?? match[2] ?? '') : null
}

/** How an inline <xref> reads in running text: a person's name, "RFC 4146", a link's label and address. */
function xrefText(type: string | null, data: string | null, label: string, people: PeopleTable): string {
  if (type === 'person' && data) return resolvePerson(data, people)
  if ((type === 'rfc' || type === 'draft' || type === 'uri') && data) {
    const ref = referenceFromToken(data, label || undefined)
    if (type === 'uri' && ref.url && ref.text !== ref.url) return `${ref.text} (${ref.url})`
    return ref.text
  }
  return label
}

const TAG = /<(\/?)([A-Za-z][\w.-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|<!\[CDATA\[([\s\S]*?)\]\]>|<!--[\s\S]*?-->/g

/**
 * Mixed content as one readable text: IANA's hard wraps become spaces, <br/> a line break, <paragraph>s are
 * separated by a blank line, inline <xref>s become their text. Empty becomes null.
 */
export function inlineText(node: unknown, people: PeopleTable): string | null {
  // A repeated element (two <note>s) arrives as a list: each is kept, a paragraph apart.
  if (Array.isArray(node)) return node.map((part) => inlineText(part, people)).filter((t) => t !== null).join('\n\n') || null
  const xml = typeof node === 'string' ? node : typeof node === 'number' ? String(node) : ''
  if (!xml) return null
  let out = ''
  let xref: { type: string | null; data: string | null; label: string } | null = null
  const emit = (text: string) => {
    if (xref) xref.label += text
    else out += text
  }
  let last = 0
  for (const match of xml.matchAll(TAG)) {
    emit(decodeEntities(xml.slice(last, match.index)).replace(/\s+/g, ' '))
    last = match.index + match[0].length
    const [, closing, tag, attributes = '', selfClosing] = match
    if (match[5] !== undefined) emit(match[5].replace(/\s+/g, ' '))
    if (tag === undefined) continue
    const name = tag.toLowerCase()
    if (name === 'br') out += '\n'
    else if (name === 'paragraph') out += '\n\n'
    else if (name === 'xref') {
      if (!closing) {
        const opened = { type: attribute(attributes, 'type'), data: attribute(attributes, 'data'), label: '' }
        if (selfClosing) out += xrefText(opened.type, opened.data, '', people)
        else xref = opened
      } else if (xref) {
        const done: { type: string | null; data: string | null; label: string } = xref
        xref = null
        out += xrefText(done.type, done.data, done.label.trim(), people)
      }
    }
  }
  emit(decodeEntities(xml.slice(last)).replace(/\s+/g, ' '))
  // Addresses are personal data (one note quotes a former assignee's): never kept, whatever the field.
  const text = out
    .split('\n')
    .map((line) => withoutEmails(line))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
  return text === '' ? null : text
}
