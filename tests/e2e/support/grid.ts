import type { Page } from 'playwright-core'

/** Ports of the rows in the DOM, in the grid's order (aria-rowindex, since virtual rows may render out of order). */
export async function shownPorts(page: Page): Promise<number[]> {
  const rows = page.locator('.grid-body [role="row"]')
  const pairs: [number, number][] = []
  for (let i = 0; i < (await rows.count()); i += 1) {
    const row = rows.nth(i)
    pairs.push([Number(await row.getAttribute('aria-rowindex')), Number(await row.getAttribute('data-port'))])
  }
  return pairs.sort((a, b) => a[0] - b[0]).map(([, port]) => port)
}
