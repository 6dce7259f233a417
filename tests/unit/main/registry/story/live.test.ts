// A socket's own line in "On this machine now", with and without a holder sentence before it.
import { describe, expect, it } from 'vitest'
import { describeLiveRow, holderOf } from '../../../../../src/main/registry/story/live'
import type { Row } from '../../../../../src/shared/row'

const dockerProxy = {
  id: 'tcp|4|0.0.0.0|8080', protocol: 'tcp', family: 4, address: '0.0.0.0', port: 8080, state: 'LISTEN', pid: 3100, process: 'docker-proxy',
  exposure: 'all', remoteAddress: null, remotePort: null, uid: 0, ownerHidden: false, since: 1_700_000_000_000,
  container: { name: 'web', image: 'nginx:1.27' },
} as unknown as Row

describe('describeLiveRow', () => {
  it('names the owner, the container and the exposure when nothing said them before', () => {
    expect(describeLiveRow(dockerProxy, holderOf(dockerProxy, null))).toMatch(/^tcp 0\.0\.0\.0:8080: docker-proxy \(pid 3100\) for Docker container web \(nginx:1\.27\); exposed to every interface/)
  })

  it('keeps the container after a holder sentence named the process, which does not name a published container', () => {
    const line = describeLiveRow(dockerProxy, holderOf(dockerProxy, null), { ownerSaid: true })
    expect(line).toMatch(/^tcp 0\.0\.0\.0:8080 for Docker container web \(nginx:1\.27\)\. /)
    expect(line).not.toContain('(pid 3100)')
  })
})
