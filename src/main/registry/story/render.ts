import type { Story } from '../../../shared/story'
import { OS_NAMES } from '../../../shared/checks'

const WIDTH = 100

function wrap(text: string, indent: string): string {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && indent.length + line.length + 1 + word.length > WIDTH) {
      lines.push(indent + line)
      line = word
    } else line = line ? `${line} ${word}` : word
  }
  if (line) lines.push(indent + line)
  return lines.join('\n')
}

/** Plain text for a terminal: sections, commands to copy, numbered sources. */
export function renderStoryText(story: Story): string {
  const out: string[] = [story.title, '='.repeat(Math.min(story.title.length, WIDTH))]
  for (const section of story.sections) {
    out.push('', section.heading)
    if (section.id === 'check') {
      for (const check of story.checks) out.push(`  ${OS_NAMES[check.os].padEnd(8)} ${check.command}`)
      continue
    }
    out.push(section.paragraphs.map((paragraph) => wrap(paragraph, '  ')).join('\n\n'))
  }
  out.push('', 'Sources')
  for (const source of story.sources) out.push(wrap(`[${source.n}] ${source.title}. ${source.url}`, '  '))
  return out.join('\n')
}

const escapeMarkdown = (text: string) => text.replace(/([\\*_<>#|])/g, '\\$1')

/** Markdown: footnote markers become links to the numbered sources at the end. */
export function renderStoryMarkdown(story: Story): string {
  const footnotes = (text: string) => escapeMarkdown(text).replace(/\[(\d+)\]/g, '[[$1]](#source-$1)')
  const out: string[] = [`# ${escapeMarkdown(story.title)}`]
  for (const section of story.sections) {
    out.push('', `## ${section.heading}`, '')
    if (section.id === 'check') {
      for (const check of story.checks) out.push(`- ${OS_NAMES[check.os]}: \`${check.command}\`${check.note ? ` (${escapeMarkdown(check.note)})` : ''}`)
      continue
    }
    out.push(section.paragraphs.map(footnotes).join('\n\n'))
  }
  out.push('', '## Sources', '')
  for (const source of story.sources) out.push(`${source.n}. <a id="source-${source.n}"></a>[${escapeMarkdown(source.title)}](${source.url})`)
  return out.join('\n')
}
