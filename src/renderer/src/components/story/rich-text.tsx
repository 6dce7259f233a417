import type { ReactNode } from 'react'
import type { StorySource } from '../../../../shared/story'

/** Splits story text into plain runs, `code` runs and [n] footnote markers. */
export type Run = { kind: 'text'; text: string } | { kind: 'code'; text: string } | { kind: 'footnote'; n: number }

export function splitRuns(text: string): Run[] {
  const runs: Run[] = []
  const pattern = /`([^`]+)`|\[(\d+)\]/g
  let last = 0
  for (const match of text.matchAll(pattern)) {
    const index = match.index ?? 0
    if (index > last) runs.push({ kind: 'text', text: text.slice(last, index) })
    if (match[1] !== undefined) runs.push({ kind: 'code', text: match[1] })
    else runs.push({ kind: 'footnote', n: Number(match[2]) })
    last = index + match[0].length
  }
  if (last < text.length) runs.push({ kind: 'text', text: text.slice(last) })
  return runs
}

export function sourceAnchorId(n: number): string {
  return `story-source-${n}`
}

/** Footnotes scroll to their source inside the panel rather than navigating the page. */
export function jumpToSource(n: number): void {
  document.getElementById(sourceAnchorId(n))?.scrollIntoView({ block: 'nearest', behavior: 'smooth' })
}

export function RichText({ text, sources }: { text: string; sources: StorySource[] }): ReactNode {
  return splitRuns(text).map((run, i) => {
    if (run.kind === 'code') return <code key={i}>{run.text}</code>
    if (run.kind === 'text') return run.text
    const source = sources.find((s) => s.n === run.n)
    return (
      <sup key={i} className="story-footnote">
        <button type="button" title={source?.title} onClick={() => jumpToSource(run.n)}>
          {run.n}
        </button>
      </sup>
    )
  })
}

/** https links open in the system browser (the main process routes them); anything else is shown, not linked. */
export function ExternalLink({ url, children }: { url: string; children: ReactNode }) {
  if (!/^https:\/\//i.test(url)) return <span title={url}>{children}</span>
  return (
    <a href={url} target="_blank" rel="noreferrer">
      {children}
    </a>
  )
}
