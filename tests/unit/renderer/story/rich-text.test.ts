import { describe, expect, it } from 'vitest'
import { splitRuns } from '../../../../src/renderer/src/components/story/rich-text'

describe('story text runs', () => {
  it('separates plain text, inline commands and footnote markers', () => {
    expect(splitRuns("Linux: `ss -ltnup 'sport = :1322'` or `sudo lsof -i :1322` [3].")).toEqual([
      { kind: 'text', text: 'Linux: ' },
      { kind: 'code', text: "ss -ltnup 'sport = :1322'" },
      { kind: 'text', text: ' or ' },
      { kind: 'code', text: 'sudo lsof -i :1322' },
      { kind: 'text', text: ' ' },
      { kind: 'footnote', n: 3 },
      { kind: 'text', text: '.' },
    ])
  })
  it('leaves text without markers alone', () => {
    expect(splitRuns('Nothing here.')).toEqual([{ kind: 'text', text: 'Nothing here.' }])
  })
})
