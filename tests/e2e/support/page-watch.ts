import type { Page } from 'playwright-core'

export interface PageProblems {
  /** Console errors and warnings, and uncaught exceptions. */
  errors: string[]
  /** Content Security Policy violations, from the console and from 'securitypolicyviolation' events. */
  cspViolations: string[]
}

// Page-side code as text: these tests compile without the DOM library.
const RECORD_VIOLATIONS = `
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (event) => {
    window.__cspViolations.push(event.violatedDirective + ' blocked ' + (event.blockedURI || 'inline') + ' at ' + event.sourceFile + ':' + event.lineNumber);
  });
`

/** Starts recording what a page complains about; call before the first navigation. */
export async function watchPage(page: Page): Promise<PageProblems & { collect(): Promise<PageProblems> }> {
  const errors: string[] = []
  const cspViolations: string[] = []
  page.on('console', (message) => {
    const text = message.text()
    if (/Content Security Policy/i.test(text)) cspViolations.push(`console: ${text}`)
    else if (message.type() === 'error' || message.type() === 'warning') errors.push(`console.${message.type()}: ${text}`)
  })
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`))
  // Runs through DevTools, not as an inline script, so the page's CSP does not block it.
  await page.addInitScript({ content: RECORD_VIOLATIONS })
  return {
    errors,
    cspViolations,
    collect: async () => {
      const fromEvents = await page.evaluate<string[]>('window.__cspViolations ?? []')
      return { errors: [...errors], cspViolations: [...cspViolations, ...fromEvents] }
    },
  }
}
