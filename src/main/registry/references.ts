import type { Reference } from './record'

// IANA cites RFCs ("[RFC6335]", <xref type="rfc" data="rfc6335"/>), drafts, URIs and free text.

export function rfcUrl(number: number): string {
  return `https://www.rfc-editor.org/rfc/rfc${number}.html`
}

function safeUrl(text: string): string | null {
  try {
    const url = new URL(text)
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null
  } catch {
    return null
  }
}

/** One citation token as IANA writes it: "RFC6335", "rfc6335", "RFC-ietf-…", "draft-…", a URL or text. */
export function referenceFromToken(token: string, label?: string): Reference {
  const text = token.trim()
  const rfc = /^rfc\s*-?(\d+)$/i.exec(text)
  if (rfc) return { text: `RFC ${Number(rfc[1])}`, url: rfcUrl(Number(rfc[1])) }
  const draft = /^(?:RFC-|draft-)([\w.-]+?)(?:-\d+)?$/i.exec(text)
  if (draft) return { text: label ?? text, url: `https://datatracker.ietf.org/doc/draft-${draft[1]}/` }
  const url = safeUrl(text)
  if (url) return { text: label?.trim() || text, url }
  return { text, url: null }
}

/** The CSV's Reference column: "[RFC4960][RFC6335]", "[http://…]", or plain text. */
export function referencesFromField(field: string | undefined): Reference[] {
  const text = field?.trim()
  if (!text) return []
  const tokens = [...text.matchAll(/\[([^\]]+)\]/g)].map(([, token = '']) => token)
  // "[1]" points at a registry-wide footnote, not at a document.
  const citations = (tokens.length > 0 ? tokens : [text]).filter((token) => !/^\d+$/.test(token.trim()))
  return citations.map((token) => referenceFromToken(token))
}
