import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY, DEV_META_CONTENT_SECURITY_POLICY, META_CONTENT_SECURITY_POLICY } from '../../../src/shared/csp'

describe('Content Security Policy', () => {
  it('is the same in the page’s <meta> as in the header main sends', () => {
    const html = readFileSync('src/renderer/index.html', 'utf8')
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)
    expect(meta?.[1]).toBe(META_CONTENT_SECURITY_POLICY)
  })

  it('allows nothing inline and nothing from elsewhere', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-|\*|http:|https:/)
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'")
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'")
  })

  it('is loosened for the dev server only: inline scripts and styles and its local WebSocket, nothing else', () => {
    const added = (policy: string) => new Set(policy.split('; '))
    const strict = added(META_CONTENT_SECURITY_POLICY)
    const dev = [...added(DEV_META_CONTENT_SECURITY_POLICY)].filter((directive) => !strict.has(directive))
    expect(dev.sort()).toEqual([
      "connect-src 'self' ws://localhost:* ws://127.0.0.1:*",
      "script-src 'self' 'unsafe-inline'",
      "style-src 'self' 'unsafe-inline'",
    ])
  })

  it('the dev server gets the loosened policy; builds never do', async () => {
    const { default: config } = await import('../../../electron.vite.config')
    const plugins = (config as { renderer: { plugins: { name: string; apply?: string; transformIndexHtml?: (html: string) => string }[] } }).renderer.plugins
    const dev = plugins.find((plugin) => plugin.name === 'portolan-dev-csp')
    expect(dev?.apply).toBe('serve')
    const html = readFileSync('src/renderer/index.html', 'utf8')
    expect(dev?.transformIndexHtml?.(html)).toContain(DEV_META_CONTENT_SECURITY_POLICY)
  })
})
