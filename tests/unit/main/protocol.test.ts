import { describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { resolveInside } from '../../../src/main/protocol'
import { CONTENT_SECURITY_POLICY } from '../../../src/shared/csp'

describe('resolveInside', () => {
  const root = '/app/renderer'
  it('serves files inside the renderer folder', () => {
    expect(resolveInside(root, '/')).toBe(join(root, 'index.html'))
    expect(resolveInside(root, '/assets/index-abc.js')).toBe(join(root, 'assets/index-abc.js'))
  })
  it.each(['/../main/index.js', '/%2e%2e/%2e%2e/etc/passwd', '/assets/../../x', '/%E0%A4%A'])('refuses %s', (path) => {
    expect(resolveInside(root, path)).toBeNull()
  })
})

describe('CSP', () => {
  it('allows only the app’s own scripts and no inline code', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'")
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'")
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(inline|eval)/)
  })
})
