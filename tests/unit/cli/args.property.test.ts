import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { runCliInProcess } from '../../helpers/cli'
import { parsePortSpec } from '../../../src/shared/validate'

/** Runs the CLI in-process; every argv here is refused before any socket is read. */
async function run(argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const { code, stdout, stderr } = await runCliInProcess(argv)
  const lines = (text: string) => (text === '' ? [] : text.replace(/\n$/, '').split('\n'))
  return { code, out: lines(stdout), err: lines(stderr) }
}

const word = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom('a\nb', '-', '--', '-1', '--json', '80', ' '))
const notAPort = word.filter((w) => {
  try {
    parsePortSpec(w)
    return false
  } catch {
    return true
  }
})
const unknownOption = fc.string({ minLength: 1 }).map((s) => `--x${s}`).filter((o) => !o.includes('='))

const refused = fc.oneof(
  fc.tuple(word.filter((w) => !['list', 'watch', 'story', 'registry', 'help', '--help', '-h'].includes(w)), fc.array(word, { maxLength: 3 })).map(([c, rest]) => [c, ...rest]),
  fc.tuple(fc.constantFrom('list', 'watch'), unknownOption, fc.array(fc.constantFrom('--json', '--all'), { maxLength: 2 })).map(([c, bad, rest]) => [c, ...rest, bad]),
  fc.constant(['list', '--json', '--csv']),
  notAPort.filter((w) => !w.startsWith('-') || /^-\d/.test(w)).map((w) => ['story', w]),
  fc.constantFrom(['story'], ['story', '80', '443'], ['story', '80', '--json', '--markdown']),
  fc.tuple(word.filter((w) => w !== 'info' && w !== 'update'), fc.array(word, { maxLength: 2 })).map(([sub, rest]) => ['registry', sub, ...rest]),
  fc.constantFrom(['registry'], ['registry', 'update'], ['registry', 'update', '--from', ' '], ['registry', 'update', '--from']),
)

describe('CLI arguments, arbitrary and wrong', () => {
  it('exit 2 with exactly one line on stderr, starting "portolan: ", and nothing on stdout', async () => {
    await fc.assert(
      fc.asyncProperty(refused, async (argv) => {
        const { code, out, err } = await run([...argv])
        expect(code).toBe(2)
        expect(out).toEqual([])
        expect(err).toHaveLength(1)
        expect(err[0]).toMatch(/^portolan: [^\n\r]+$/)
      }),
      { numRuns: 300 },
    )
  })
})
