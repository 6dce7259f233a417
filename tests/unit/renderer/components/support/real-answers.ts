import type { RealAnswers } from '../../../../helpers/renderer-answers-types'

// Resolved at run time: a literal import would pull main's Node code into the web typecheck.
const HELPER: string = '../../../../helpers/renderer-answers'

/** main's real story and stop advice (see tests/helpers/renderer-answers-types.ts). */
export async function realAnswers(): Promise<RealAnswers> {
  const module = (await import(/* @vite-ignore */ HELPER)) as { realAnswers: RealAnswers }
  return module.realAnswers
}
