// Text from outside (process names, file and HTTP content) shown to a person: a terminal must not be
// steered by it (ESC sequences, carriage returns, newlines that fake rows), nor its reading order flipped.

/**
 * C0 controls, DEL, C1 controls, the bidirectional embeddings, overrides, isolates and marks, and the
 * Unicode line and paragraph separators.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' }

function escapeOne(char: string): string {
  const named = NAMED[char]
  if (named) return named
  const code = char.charCodeAt(0)
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`
}

/**
 * The text with every control and bidi-formatting character written out as a visible escape (`\x1b`,
 * `\n`, `\u202e`), so it prints as one inert line. For human-readable output only: JSON and CSV stay exact.
 */
export function printable(text: string): string {
  return text.replace(UNSAFE, escapeOne)
}

/** printable() for text whose own line breaks are its layout (a rendered story): each line escaped on its own. */
export function printableLines(text: string): string {
  return text.split('\n').map(printable).join('\n')
}
