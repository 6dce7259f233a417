import { composeStory } from '../../main/core/compose'
import { renderStoryMarkdown, renderStoryText } from '../../main/registry/story/render'
import { parsePortSpec } from '../../shared/validate'
import { printableLines } from '../../shared/printable'
import { reportNotices, type CliIo } from '../io'
import { UsageError, parseOptions } from '../usage'

/** Lets "-1" reach parsePortSpec (and its one-line reason) instead of being read as an option. */
function shieldNegativeNumbers(args: string[]): string[] {
  const flags = args.filter((a) => !/^-\d/.test(a))
  const numbers = args.filter((a) => /^-\d/.test(a))
  return numbers.length > 0 ? [...flags, '--', ...numbers] : flags
}

export async function storyCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(shieldNegativeNumbers(args), { json: { type: 'boolean' }, markdown: { type: 'boolean' } }, true)
  const [portSpec] = positionals
  if (positionals.length !== 1 || portSpec === undefined) throw new UsageError('story takes one port, e.g. "story 1322" or "story 53/udp"')
  if (values.json && values.markdown) throw new UsageError('choose one of --json and --markdown')
  const { port, protocol } = parsePortSpec(portSpec)
  const core = composeStory()
  reportNotices(core, io)
  try {
    const poll = await core.monitor.pollNow()
    if (!poll.ok) io.err(`portolan: live sockets unavailable (${poll.error}); the story leaves them out`)
    const story = core.story(port, protocol ?? undefined)
    io.out(values.json ? JSON.stringify(story, null, 2) : printableLines(values.markdown ? renderStoryMarkdown(story) : renderStoryText(story)))
    return 0
  } finally {
    await core.close()
  }
}
