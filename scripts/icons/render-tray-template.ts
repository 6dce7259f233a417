// Renders resources/icons/tray-template.svg to the macOS menu-bar template images (16x16 and 32x32@2x,
// black with alpha) in Debian's Chromium: `npx tsx scripts/icons/render-tray-template.ts`.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { chromium } from 'playwright-core'

const ICONS = join(__dirname, '../../resources/icons')
const svg = readFileSync(join(ICONS, 'tray-template.svg'), 'utf8')

async function main(): Promise<void> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] })
  try {
    for (const [size, file] of [[16, 'trayTemplate.png'], [32, 'trayTemplate@2x.png']] as const) {
      const page = await browser.newPage({ viewport: { width: size, height: size } })
      await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace(/width="32" height="32"/, `width="${size}" height="${size}"`)}</body></html>`)
      writeFileSync(join(ICONS, file), await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }))
      await page.close()
    }
  } finally {
    await browser.close()
  }
}

void main()
