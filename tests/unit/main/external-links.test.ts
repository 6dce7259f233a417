import { describe, expect, it } from 'vitest'
import { isSafeExternalUrl } from '../../../src/main/external-links'
import { localPortUrl } from '../../../src/main/core/local-url'

describe('external links', () => {
  it.each([
    ['https://www.iana.org/assignments/service-names-port-numbers', true],
    ['https://www.connected.app/ports/1322', true],
    ['http://www.iana.org/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['https://user:pw@example.com/', false],
    ['app://portolan/index.html', false],
    ['not a url', false],
  ])('%s may be opened: %s', (url, safe) => {
    expect(isSafeExternalUrl(url)).toBe(safe)
  })

  it('builds http://localhost links only from a valid port', () => {
    expect(localPortUrl(3000)).toBe('http://localhost:3000/')
    expect(() => localPortUrl(0)).toThrow(/cannot be opened/)
    expect(() => localPortUrl(70000)).toThrow(/cannot be opened/)
    expect(() => localPortUrl(80.5)).toThrow(/cannot be opened/)
  })
})
